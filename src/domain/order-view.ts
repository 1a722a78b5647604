import { orderAfterSaleState } from './after-sale/order-state'
import type { Money } from './money'
import type { Order, OrderLine } from './order'
import { attributesOf } from './order-attributes'
import { isAbnormal, orderLabels } from './order-labels'
import { lineCancelView, partialCancelsView } from './partial-cancel/view'

const m = (amount: number, currency: string): Money => ({ amount, currency })

function iso(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString()
}

function lineView(order: Order, line: OrderLine, currency: string) {
  return {
    lineNo: line.lineNo,
    skuId: line.skuId,
    storeId: line.storeId,
    title: line.title,
    qty: line.qty,
    unitPrice: m(line.unitPrice, currency),
    amount: m(line.amount, currency),
    discounts: {
      member: m(line.memberDiscount, currency),
      store: m(line.storeDiscount, currency),
      platform: m(line.platformDiscount, currency),
      coupon: m(line.couponDiscount, currency),
      points: m(line.pointsDiscount, currency),
    },
    finalAmount: m(line.finalAmount, currency),
    ...lineCancelView(order, line.lineNo, currency),
    gift: line.giftOf !== undefined,
  }
}

/** The order as the API shows it: money as {amount, currency}, times as ISO, labels per audience. */
export function orderView(order: Order) {
  const c = order.currency
  const a = order.amounts
  return {
    id: order.id,
    parentId: order.parentId,
    userId: order.userId,
    storeId: order.storeId,
    storeIds: [...order.storeIds],
    type: order.type,
    status: order.status,
    labels: orderLabels(order),
    lines: order.lines.map((line) => lineView(order, line, c)),
    amounts: {
      items: m(a.items, c),
      memberDiscount: m(a.memberDiscount, c),
      storeDiscount: m(a.storeDiscount, c),
      platformDiscount: m(a.platformDiscount, c),
      couponDiscount: m(a.couponDiscount, c),
      pointsDiscount: m(a.pointsDiscount, c),
      freight: m(a.freight, c),
      payable: m(a.payable, c),
      paid: m(a.paid, c),
    },
    presale: order.presale && {
      deposit: m(order.presale.depositAmount, c),
      balance: m(order.presale.balanceAmount, c),
      balanceStartsAt: iso(order.presale.balanceStartsAt),
    },
    address: order.address,
    note: order.note,
    attributes: attributesOf(order),
    gifts: (order.gifts ?? []).map((g) => ({ ...g, promotionIds: [...g.promotionIds] })),
    shipment: order.shipment,
    fulfilment: order.fulfilment ?? 'not_pushed',
    afterSaleOpen: order.afterSaleOpen,
    afterSale: orderAfterSaleState(order.openAfterSales ?? []),
    abnormal: isAbnormal(order),
    reviewReason: order.reviewReason ?? null,
    children: order.children
      ? order.children.map((ch) => ({
          id: ch.id,
          index: ch.index,
          storeId: ch.storeId,
          warehouseId: ch.warehouseId,
          status: ch.status,
          payable: m(ch.payable, c),
          paid: m(ch.paid, c),
          reasons: [...ch.reasons],
        }))
      : null,
    partialCancels: partialCancelsView(order, c),
    cancelReason: order.cancelReason,
    createdAt: iso(order.createdAt),
    depositPaidAt: iso(order.depositPaidAt),
    paidAt: iso(order.paidAt),
    shippedAt: iso(order.shippedAt),
    receivedAt: iso(order.receivedAt),
    completedAt: iso(order.completedAt),
    cancelledAt: iso(order.cancelledAt),
    updatedAt: iso(order.updatedAt),
    version: order.version,
  }
}

export type OrderView = ReturnType<typeof orderView>
