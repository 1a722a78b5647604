import type { Decision } from './decide'
import type { ProcessDefinition, TimerRule, Transition } from './types'

/**
 * What the buyer asks for: money back, money back for goods sent back, the same goods again, or
 * the same goods repaired.
 */
export const afterSaleTypes = ['refund_only', 'return_refund', 'exchange', 'repair'] as const
export type AfterSaleType = (typeof afterSaleTypes)[number]

/**
 * Every status an after-sale can be in, across the four types.
 * `closed` ends one without money moving because the buyer gave up or let the return lapse;
 * `rejected` is the merchant's no.
 */
export const afterSaleStatuses = [
  'pending_review',
  'pending_return',
  'pending_refund',
  'pending_exchange_return',
  'exchange_outbound',
  'pending_repair_return',
  'repairing',
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
  'send_repaired',
] as const
export type AfterSaleAction = (typeof afterSaleActions)[number]

/** Named guards over the after-sale record; each is a pure check in after-sale-guards.ts. */
export type AfterSaleGuardName = 'return_not_shipped'
export type AfterSaleGuardCode = 'RETURN_ALREADY_SHIPPED'

/** What after-sale guards may look at; an after-sale record satisfies it. */
export interface AfterSaleGuardSubject {
  readonly returnShipment: { readonly carrier: string; readonly trackingNumber: string } | null
}

/** Durations come from wrangler vars (seconds), so every timer names its var. */
export type AfterSaleDurationVar = 'MERCHANT_REVIEW_SECONDS' | 'RETURN_SHIP_SECONDS'
export type AfterSaleDurations = Readonly<Record<AfterSaleDurationVar, number>>

/** The merchant answers within 48 h; the buyer ships a return within 7 days. */
export const afterSaleDurationDefaults: AfterSaleDurations = {
  MERCHANT_REVIEW_SECONDS: 48 * 3600,
  RETURN_SHIP_SECONDS: 7 * 24 * 3600,
}

export type AfterSaleTimerKind = 'merchant_review' | 'return_ship_deadline'

/** An after-sale timer counts from the state's entry. */
export interface AfterSaleTimerRule extends TimerRule<AfterSaleTimerKind, AfterSaleAction> {
  readonly duration: AfterSaleDurationVar
}

export type AfterSaleTransition = Transition<AfterSaleStatus, AfterSaleGuardName>

/** What an after-sale process speaks, for the generic engine. */
export interface AfterSaleVocabulary {
  readonly state: AfterSaleStatus
  readonly action: AfterSaleAction
  readonly guard: AfterSaleGuardName
  readonly timer: AfterSaleTimerRule
  readonly subject: AfterSaleGuardSubject
  readonly failure: AfterSaleGuardCode
}

/** One after-sale type's machine: a process of the same engine as an order's. */
export type AfterSaleProcess = ProcessDefinition<AfterSaleVocabulary>
export type AfterSaleDecision = Decision<AfterSaleVocabulary>
