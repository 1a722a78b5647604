import type { OrderAction } from './process/order-types'

/**
 * Side effects that leave the order actor after a transition commits. They run after the
 * storage transaction, are idempotent, and are retried from the actor's effects queue until they
 * succeed, so a crash between the transition and the call loses nothing.
 */
export type EffectKind =
  | 'stock_commit'
  | 'stock_release'
  | 'stock_restock'
  | 'wallet_consume'
  | 'wallet_release'
  | 'wallet_restore_points'
  | 'notify_parent'
  | 'close_sibling'
  | 'refund_paid'
  | 'refund_held'
  | 'wms_intercept'
  | 'publish'

/** Which effects each action sets off. Payment sells what was held; cancelling gives it back. */
export const effectsOnAction: Partial<Record<OrderAction, readonly EffectKind[]>> = {
  pay: ['stock_commit', 'wallet_consume'],
  pay_deposit: ['stock_commit', 'wallet_consume'],
  // Money held for review goes back whenever the order ends without it.
  cancel: ['stock_release', 'wallet_release', 'refund_held'],
  expire: ['stock_release', 'wallet_release', 'refund_held'],
  // A missed presale balance keeps the deposit, and the goods go back on sale.
  expire_balance: ['stock_restock', 'refund_held'],
  // Cancelled after payment: everything paid goes back, freight included as
  // nothing shipped; the sold units go back on sale; the coupons stay spent, the points return.
  cancel_paid: ['refund_paid', 'stock_restock', 'wallet_restore_points', 'refund_held'],
  intercept: ['wms_intercept'],
  intercept_succeeded: ['refund_paid', 'stock_restock', 'wallet_restore_points', 'refund_held'],
}

export const stockEffects: ReadonlySet<EffectKind> = new Set([
  'stock_commit',
  'stock_release',
  'stock_restock',
])
