import type { Fulfilment } from '../order-fulfilment'
import type { OrderAction, OrderStatus } from './order-types'

/**
 * Which action a caller's "cancel" is, by where the order stands: before payment the plain
 * cancel; paid but not yet in a warehouse, cancel on the spot (refund, restock); in a warehouse,
 * intercept. Anything else is left to the process table, which answers ILLEGAL_TRANSITION (or
 * INTERCEPT_FAILED through the in_warehouse guard once the goods are outbound).
 */
export function cancelActionFor(status: OrderStatus, fulfilment: Fulfilment): OrderAction {
  if (status !== 'pending_shipment') return 'cancel'
  return fulfilment === 'not_pushed' ? 'cancel_paid' : 'intercept'
}

/** The WMS's answer to an interception, as the adapter gives it. */
export type InterceptAnswer =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'ALREADY_OUTBOUND' | 'NOT_FOUND' }

/**
 * The action the answer leads to. NOT_FOUND means the push never landed: nothing is in the
 * warehouse to stop, so the cancel goes through, and the queue consumer, which checks the order
 * again after every push, withdraws a push that lands later.
 */
export function interceptOutcome(
  answer: InterceptAnswer,
): 'intercept_succeeded' | 'intercept_failed' {
  if (answer.ok || answer.code === 'NOT_FOUND') return 'intercept_succeeded'
  return 'intercept_failed'
}
