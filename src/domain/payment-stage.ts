import type { Order, PaymentStage } from './order'

/** What a provider session must collect now, for which stage and attempt. */
export interface PaymentDue {
  readonly orderId: string
  readonly amount: number
  readonly currency: string
  readonly stage: PaymentStage
  readonly attempt: number
}

/** What a payment made now pays for; a split parent with children still owing pays them all. */
export function stageOf(order: Order, merged: boolean): PaymentStage {
  if (merged) return 'merged'
  if (order.presale && order.status === 'pending_deposit') return 'deposit'
  if (order.presale && order.status === 'pending_balance') return 'balance'
  return 'full'
}

/** The attempt a new session of this stage is: one more than the failed or mismatched ones. */
export function attemptOf(order: Order, stage: PaymentStage): number {
  return (order.paymentAttempts?.[stage] ?? 0) + 1
}

/** The attempts after one of this stage failed or brought the wrong money. */
export function bumpAttempt(order: Order, stage: PaymentStage): Order['paymentAttempts'] {
  return { ...order.paymentAttempts, [stage]: attemptOf(order, stage) }
}

/**
 * The provider session key of a payment: order, stage and attempt, so a presale whose deposit
 * equals its balance gets two sessions, and a failed attempt is followed by a fresh one. The
 * amount is part of it too, as a merged payment owes less once a child is paid on its own.
 */
export function sessionKey(
  orderId: string,
  stage: PaymentStage,
  attempt: number,
  due: { amount: number; currency: string },
): string {
  return `${orderId}:${stage}:${attempt}:${due.amount}${due.currency}`
}
