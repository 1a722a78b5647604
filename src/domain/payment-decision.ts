import type { Order } from './order'
import { amountDue } from './order-transition'
import type { OrderAction } from './process/order-types'
import { payActionByStatus } from './process/order-types'

/**
 * What money that arrived for an order means. Payable and matching: it pays. Payable but the
 * wrong amount or currency: it is held for review, the order stays unpaid. Not payable any more
 * (cancelled, closed, already paid): it is a late payment and goes back to the buyer.
 */
export type PaymentDecision =
  | { readonly kind: 'pay'; readonly action: OrderAction; readonly amount: number }
  | { readonly kind: 'mismatch'; readonly expected: number; readonly currency: string }
  | { readonly kind: 'late'; readonly reason: 'ORDER_CANCELLED' | 'ALREADY_PAID' }

const lateStatuses: ReadonlySet<Order['status']> = new Set(['cancelled', 'closed'])

export function decidePayment(order: Order, amount: number, currency: string): PaymentDecision {
  const action = payActionByStatus[order.status]
  if (!action) {
    return {
      kind: 'late',
      reason: lateStatuses.has(order.status) ? 'ORDER_CANCELLED' : 'ALREADY_PAID',
    }
  }
  const due = amountDue(order)
  if (amount !== due || currency !== order.currency) {
    return { kind: 'mismatch', expected: due, currency: order.currency }
  }
  return { kind: 'pay', action, amount }
}
