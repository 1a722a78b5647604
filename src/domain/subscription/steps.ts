import type { Role } from '../process/types'
import { decideSubscription } from './machine'
import { addPeriods, type Period, parsePeriod } from './period'
import type {
  CallerSubscriptionAction,
  Plan,
  RenewalFailure,
  Subscription,
  SubscriptionAction,
} from './types'

export interface StepFailure {
  readonly ok: false
  readonly code: 'ILLEGAL_TRANSITION' | 'FORBIDDEN'
  readonly message: string
  readonly details: Record<string, unknown>
}

export type Step = { readonly ok: true; readonly sub: Subscription } | StepFailure

function periodOf(plan: Plan): Period {
  const period = parsePeriod(plan.period)
  if (!period) throw new RangeError(`plan period ${plan.period} is not PnD, PnW, PnM or PnY`)
  return period
}

/** When the renewal of `slot` falls due. */
export function slotDueAt(sub: Pick<Subscription, 'anchorAt' | 'plan'>, slot: number): number {
  return addPeriods(sub.anchorAt, periodOf(sub.plan), slot)
}

export function newSubscription(input: {
  id: string
  userId: string
  plan: Plan
  startAt: number
  now: number
}): Subscription {
  return {
    id: input.id,
    userId: input.userId,
    status: 'active',
    plan: input.plan,
    anchorAt: input.startAt,
    slot: 0,
    cyclesDone: 0,
    attempt: 0,
    nextDueAt: input.startAt,
    lastFailure: null,
    createdAt: input.now,
    updatedAt: input.now,
    version: 1,
  }
}

/** The first slot from `slot` on that is not already past: a pause delivers nothing it missed. */
function nextLiveSlot(sub: Subscription, now: number): number {
  let slot = sub.slot
  while (slotDueAt(sub, slot) < now) slot += 1
  return slot
}

function moved(sub: Subscription, now: number, change: Partial<Subscription>): Subscription {
  return { ...sub, ...change, updatedAt: now, version: sub.version + 1 }
}

/** Pause, resume, skip the next delivery, or cancel, as the table allows `role`. */
export function callerStep(
  sub: Subscription,
  action: CallerSubscriptionAction,
  role: Role,
  now: number,
): Step {
  const decision = decideSubscription(sub.status, action, role)
  if (!decision.ok) return decision
  const status = decision.to
  if (action === 'pause' || action === 'cancel') {
    return { ok: true, sub: moved(sub, now, { status, nextDueAt: null }) }
  }
  if (action === 'skip') {
    const slot = sub.slot + 1
    return { ok: true, sub: moved(sub, now, { slot, nextDueAt: slotDueAt(sub, slot) }) }
  }
  // Resuming a suspended subscription retries its unpaid cycle now; a paused one waits for
  // its next period.
  if (sub.status === 'suspended') {
    return { ok: true, sub: moved(sub, now, { status, attempt: 0, nextDueAt: now }) }
  }
  const slot = nextLiveSlot(sub, now)
  return {
    ok: true,
    sub: moved(sub, now, { status, slot, attempt: 0, nextDueAt: slotDueAt(sub, slot) }),
  }
}

/** The transition a renewal outcome takes, or null where the subscription no longer renews. */
function renewalAction(sub: Subscription, action: SubscriptionAction): SubscriptionAction | null {
  return decideSubscription(sub.status, action, 'system').ok ? action : null
}

/**
 * A renewal's order was paid: the cycle counts even if the subscription was paused or cancelled
 * while it was being placed, because the money was taken; only a renewing state moves on.
 */
export function renewedStep(sub: Subscription, now: number): Subscription {
  const cyclesDone = sub.cyclesDone + 1
  const slot = sub.slot + 1
  const base = { cyclesDone, slot, attempt: 0, lastFailure: null }
  const last = sub.plan.cycles !== null && cyclesDone >= sub.plan.cycles
  const action = renewalAction(sub, last ? 'complete' : 'renew')
  if (!action) return moved(sub, now, base)
  const status = action === 'complete' ? 'completed' : 'active'
  const nextDueAt = action === 'complete' ? null : slotDueAt(sub, slot)
  return moved(sub, now, { ...base, status, nextDueAt })
}

/**
 * A renewal was declined (or could not be placed): retried after `retries[attempt]` seconds,
 * suspended once every retry of the schedule was declined.
 */
export function declinedStep(
  sub: Subscription,
  failure: RenewalFailure,
  retries: readonly number[],
  now: number,
): Subscription {
  const attempt = sub.attempt + 1
  const delay = retries[attempt - 1]
  const action = renewalAction(sub, delay === undefined ? 'suspend' : 'renewal_failed')
  if (!action) return moved(sub, now, { lastFailure: failure })
  if (delay === undefined) {
    return moved(sub, now, { status: 'suspended', attempt, lastFailure: failure, nextDueAt: null })
  }
  const nextDueAt = now + delay * 1000
  return moved(sub, now, { status: 'past_due', attempt, lastFailure: failure, nextDueAt })
}

const defaultRetries = [3600, 86_400, 259_200] as const

/**
 * The retry schedule from SUBSCRIPTION_RETRY_SECONDS: comma-separated waits after each declined
 * renewal (`3600,86400,259200`: three retries, an hour, a day and three days after). `0`
 * suspends at the first decline; anything unreadable falls back to the default.
 */
export function retryScheduleFrom(raw: string | undefined): readonly number[] {
  if (raw === undefined || raw.trim() === '') return defaultRetries
  if (raw.trim() === '0') return []
  const waits = raw.split(',').map((s) => Number(s.trim()))
  const sound = waits.every((n) => Number.isSafeInteger(n) && n > 0) && waits.length <= 10
  return sound ? waits : defaultRetries
}
