import type { Role } from '../process/types'

/** What the buyer asks for: money back, money back for goods sent back, or the same goods again. */
export const afterSaleTypes = ['refund_only', 'return_refund', 'exchange'] as const
export type AfterSaleType = (typeof afterSaleTypes)[number]

/**
 * Every status an after-sale can be in, across the three types.
 * `closed` ends one without money moving because the buyer gave up or let the return lapse;
 * `rejected` is the merchant's no.
 */
export const afterSaleStatuses = [
  'pending_review',
  'pending_return',
  'pending_refund',
  'pending_exchange_return',
  'exchange_outbound',
  'succeeded',
  'rejected',
  'closed',
] as const
export type AfterSaleStatus = (typeof afterSaleStatuses)[number]

export const afterSaleActions = [
  'approve',
  'auto_approve',
  'reject',
  'withdraw',
  'ship_return',
  'expire_return',
  'receive_return',
  'refund',
  'send_exchange',
] as const
export type AfterSaleAction = (typeof afterSaleActions)[number]

/** Named guards over the after-sale record; each is a pure check in guards.ts. */
export type AfterSaleGuardName = 'return_not_shipped'

/** Durations come from wrangler vars (seconds), so every timer names its var. */
export type AfterSaleDurationVar = 'MERCHANT_REVIEW_SECONDS' | 'RETURN_SHIP_SECONDS'
export type AfterSaleDurations = Readonly<Record<AfterSaleDurationVar, number>>

export type AfterSaleTimerKind = 'merchant_review' | 'return_ship_deadline'

/** A timer armed when its state is entered and disarmed when the state is left. */
export interface AfterSaleTimerRule {
  readonly kind: AfterSaleTimerKind
  readonly action: AfterSaleAction
  readonly duration: AfterSaleDurationVar
}

export interface AfterSaleTransition {
  readonly to: AfterSaleStatus
  readonly roles: readonly Role[]
  readonly guard?: AfterSaleGuardName
}

/** One after-sale type's machine: the same shape as an order process, with its own vocabulary. */
export interface AfterSaleProcess {
  readonly type: AfterSaleType
  readonly initial: AfterSaleStatus
  readonly states: readonly AfterSaleStatus[]
  readonly terminal: readonly AfterSaleStatus[]
  readonly actions: readonly AfterSaleAction[]
  readonly transitions: {
    readonly [state in AfterSaleStatus]?: {
      readonly [action in AfterSaleAction]?: AfterSaleTransition
    }
  }
  readonly timers: { readonly [state in AfterSaleStatus]?: readonly AfterSaleTimerRule[] }
}
