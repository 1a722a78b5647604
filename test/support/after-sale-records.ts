import type { Order, OrderLine } from '../../src/domain/order'

/** A line of an order as placed; only the money and quantity matter to after-sales. */
export function orderLine(lineNo: number, qty: number, finalAmount: number): OrderLine {
  return {
    lineNo,
    skuId: `sku-${lineNo}`,
    storeId: 'store-a',
    title: `Item ${lineNo}`,
    categoryId: null,
    qty,
    unitPrice: finalAmount,
    amount: finalAmount,
    memberDiscount: 0,
    storeDiscount: 0,
    platformDiscount: 0,
    couponDiscount: 0,
    pointsDiscount: 0,
    finalAmount,
    weightGrams: 100,
    volumeCm3: 100,
    fragile: false,
    oversized: false,
    crossBorder: false,
    shipsAt: null,
    skuVersion: 1,
  }
}

/** A paid, shipped and received physical order, open for after-sales unless told otherwise. */
export function receivedOrder(lines: OrderLine[], overrides: Partial<Order> = {}): Order {
  const items = lines.reduce((acc, l) => acc + l.finalAmount, 0)
  return {
    id: 'order-1',
    parentId: null,
    userId: 'alice',
    storeId: 'store-a',
    storeIds: ['store-a'],
    type: 'physical',
    status: 'completed',
    currency: 'CNY',
    lines,
    amounts: {
      items,
      memberDiscount: 0,
      storeDiscount: 0,
      platformDiscount: 0,
      couponDiscount: 0,
      pointsDiscount: 0,
      freight: 0,
      payable: items,
      paid: items,
    },
    address: { name: 'Alice', phone: '1', region: 'CN-31', city: 'Shanghai', line1: '1 Ave' },
    note: null,
    presale: null,
    stock: [],
    wallet: null,
    shipment: { carrier: 'SF', trackingNumber: 'SF1' },
    afterSaleOpen: true,
    cancelReason: null,
    createdAt: 1,
    depositPaidAt: null,
    paidAt: 2,
    shippedAt: 3,
    receivedAt: 4,
    completedAt: 4,
    cancelledAt: null,
    updatedAt: 4,
    version: 5,
    ...overrides,
  }
}
