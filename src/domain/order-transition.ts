import type { Order, Shipment } from './order'
import type { OrderAction, OrderStatus } from './process/order-types'

export interface TransitionInput {
  readonly action: OrderAction
  readonly to: OrderStatus
  readonly now: number
  readonly seq: number
  readonly paidAmount?: number
  readonly shipment?: Shipment
  readonly reason?: string
}

type Patch = (order: Order, input: TransitionInput) => Partial<Order>

const cancelled =
  (fallback: string): Patch =>
  (_o, i) => ({ cancelledAt: i.now, cancelReason: i.reason ?? fallback })

const received: Patch = (_o, i) => ({ receivedAt: i.now, completedAt: i.now })

/** What each action records on the snapshot besides the status; money only ever adds up. */
const patches: Record<OrderAction, Patch> = {
  pay: (o, i) => ({
    paidAt: i.now,
    amounts: { ...o.amounts, paid: o.amounts.paid + (i.paidAmount ?? 0) },
    completedAt: i.to === 'completed' ? i.now : o.completedAt,
  }),
  pay_deposit: (o, i) => ({
    depositPaidAt: i.now,
    amounts: { ...o.amounts, paid: o.amounts.paid + (i.paidAmount ?? 0) },
  }),
  pay_balance: (o, i) => ({
    paidAt: i.now,
    amounts: { ...o.amounts, paid: o.amounts.paid + (i.paidAmount ?? 0) },
  }),
  cancel: cancelled('BUYER_CANCELLED'),
  expire: cancelled('PAYMENT_TIMEOUT'),
  expire_balance: cancelled('BALANCE_TIMEOUT'),
  ship: (o, i) => ({
    shippedAt: i.now,
    shipment: i.shipment ?? o.shipment,
    fulfilment: 'outbound',
  }),
  confirm_receipt: received,
  auto_confirm: received,
  close_after_sale_window: () => ({ afterSaleOpen: false }),
  cancel_paid: cancelled('BUYER_CANCELLED_AFTER_PAYMENT'),
  // The reason travels with the interception, so the cancel it becomes still says why.
  intercept: (_o, i) => ({ cancelReason: i.reason ?? null }),
  intercept_succeeded: (o, i) => ({
    cancelledAt: i.now,
    cancelReason: i.reason ?? o.cancelReason ?? 'INTERCEPTED',
    fulfilment: 'intercepted',
  }),
  // The warehouse refused because the goods already left: that is news about the warehouse too,
  // and the order goes on, so there is no cancel to give a reason for.
  intercept_failed: () => ({ fulfilment: 'outbound', cancelReason: null }),
  close: () => ({}),
}

/** The snapshot after a decided transition. */
export function applyTransition(order: Order, input: TransitionInput): Order {
  return {
    ...order,
    ...patches[input.action](order, input),
    status: input.to,
    updatedAt: input.now,
    version: input.seq,
  }
}

/** What the next payment must bring, by the state it pays for. */
export function amountDue(order: Order): number {
  if (order.presale && order.status === 'pending_deposit') return order.presale.depositAmount
  if (order.presale && order.status === 'pending_balance') return order.presale.balanceAmount
  return order.amounts.payable - order.amounts.paid
}
