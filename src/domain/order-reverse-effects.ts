import type { Fulfilment } from './order-fulfilment'
import type { NewAction, ReverseAction, ReverseStatus } from './order-reverse'

/**
 * PROPOSAL, with order-reverse.ts: what the reverse actions set off after their commit, for
 * order-effects.ts. `refund_paid` refunds everything paid (freight included: nothing shipped),
 * `stock_restock` puts the sold units back on sale (payment committed them), `points_return`
 * gives back all redeemed points while coupons stay spent (issue 6), `wms_intercept` asks the
 * WMS to stop the order and applies its answer.
 */
export type ReverseEffectKind = 'refund_paid' | 'stock_restock' | 'points_return' | 'wms_intercept'

export const effectsOnReverseAction: Readonly<Record<NewAction, readonly ReverseEffectKind[]>> = {
  cancel_paid: ['refund_paid', 'stock_restock', 'points_return'],
  intercept: ['wms_intercept'],
  intercept_succeeded: ['refund_paid', 'stock_restock', 'points_return'],
  intercept_failed: [],
  // The after-sales that emptied the order already refunded and restocked unit by unit.
  close: [],
}

/** What an action tells us about the warehouse sub-state, for order-transition.ts's patches. */
export const fulfilmentAfter: Readonly<Partial<Record<ReverseAction, Fulfilment>>> = {
  ship: 'outbound',
  intercept_succeeded: 'intercepted',
  // The WMS refused because the goods left: that is news about the warehouse too.
  intercept_failed: 'outbound',
}

/**
 * Which action a buyer's "cancel" is, by where the order stands (seed 000, case 2): before
 * payment the plain cancel; paid but not yet in a warehouse, cancel on the spot; in a
 * warehouse, intercept. Anything else is left to the table, which answers ILLEGAL_TRANSITION
 * (or INTERCEPT_FAILED through the in_warehouse guard once outbound).
 */
export function cancelActionFor(status: ReverseStatus, fulfilment: Fulfilment): ReverseAction {
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
