import type { Money } from '../money'
import type { Address } from '../order'
import type { Role } from '../process/types'

/**
 * Where a subscription stands. `past_due`: the latest renewal payment was declined and is being
 * retried; `suspended`: every retry was declined, nothing renews until someone resumes it.
 */
export const subscriptionStatuses = [
  'active',
  'past_due',
  'paused',
  'suspended',
  'completed',
  'cancelled',
] as const
export type SubscriptionStatus = (typeof subscriptionStatuses)[number]

export const subscriptionActions = [
  'renew',
  'renewal_failed',
  'suspend',
  'complete',
  'pause',
  'resume',
  'skip',
  'cancel',
] as const
export type SubscriptionAction = (typeof subscriptionActions)[number]

/** The actions callers take over HTTP; the others are the actor's own (role system). */
export const callerSubscriptionActions = ['pause', 'resume', 'skip', 'cancel'] as const
export type CallerSubscriptionAction = (typeof callerSubscriptionActions)[number]

export type SubscriptionTimerKind = 'renewal' | 'renewal_retry'

/**
 * A timer armed in a state: `PLAN_PERIOD` is the plan's own period from its anchor,
 * `SUBSCRIPTION_RETRY_SECONDS` the configured retry schedule.
 */
export interface SubscriptionTimerRule {
  readonly kind: SubscriptionTimerKind
  readonly action: SubscriptionAction
  readonly duration: 'PLAN_PERIOD' | 'SUBSCRIPTION_RETRY_SECONDS'
}

export interface SubscriptionTransition {
  readonly to: SubscriptionStatus
  readonly roles: readonly Role[]
}

/** The subscription machine: the shape of an order process, in the subscription's vocabulary. */
export interface SubscriptionProcess {
  readonly type: 'subscription'
  readonly initial: SubscriptionStatus
  readonly states: readonly SubscriptionStatus[]
  readonly terminal: readonly SubscriptionStatus[]
  readonly actions: readonly SubscriptionAction[]
  readonly transitions: {
    readonly [state in SubscriptionStatus]?: {
      readonly [action in SubscriptionAction]?: SubscriptionTransition
    }
  }
  readonly timers: { readonly [state in SubscriptionStatus]?: readonly SubscriptionTimerRule[] }
}

export interface PlanLine {
  readonly skuId: string
  readonly qty: number
}

/** What is delivered, how often, how many times, for how much, to whom, paid how. */
export interface Plan {
  /** ISO-8601 duration: PnD, PnW, PnM or PnY. */
  readonly period: string
  /** Deliveries in all; null runs until cancelled. */
  readonly cycles: number | null
  /** What each cycle's order must cost (its payable); a different price fails the renewal. */
  readonly pricePerCycle: Money
  readonly storeId: string
  readonly lines: readonly PlanLine[]
  readonly address: Address
  /** The saved payment method (mandate) each renewal is charged to. */
  readonly paymentMethod: string
}

export interface RenewalFailure {
  readonly code: string
  readonly message: string
  readonly at: number
  /** The order the declined attempt placed, when it got that far. */
  readonly orderId: string | null
}

/** The subscription actor's one current truth. Times are epoch milliseconds. */
export interface Subscription {
  readonly id: string
  readonly userId: string
  readonly status: SubscriptionStatus
  readonly plan: Plan
  /** When slot 0 fell due; slot n is due `n` periods later. */
  readonly anchorAt: number
  /** The next period slot to deliver (skips advance it without a delivery). */
  readonly slot: number
  readonly cyclesDone: number
  /** Declined renewals of the current slot. */
  readonly attempt: number
  /** When the actor next renews or retries; null while nothing is scheduled. */
  readonly nextDueAt: number | null
  readonly lastFailure: RenewalFailure | null
  readonly createdAt: number
  readonly updatedAt: number
  readonly version: number
}

export interface Delivery {
  readonly cycle: number
  readonly slot: number
  readonly orderId: string
  readonly amount: number
  readonly currency: string
  readonly at: number
}
