import { DurableObject } from 'cloudflare:workers'
import type { ActorRef } from '../../src/domain/order'
import {
  callerStep,
  declinedStep,
  newSubscription,
  renewedStep,
  retryScheduleFrom,
} from '../../src/domain/subscription/steps'
import type {
  CallerSubscriptionAction,
  Plan,
  Subscription,
} from '../../src/domain/subscription/types'
import { type SubscriptionView, subscriptionView } from '../../src/domain/subscription/view'
import { canSee } from '../../src/domain/visibility'
import type { Env } from '../../src/env'
import { fail, type Result } from '../../src/errors'
import { log } from '../../src/http/log'
import { projectSubscription } from '../../src/store/subscriptions'
import { createWakeSync } from '../shared/alarm-sync'
import { projectionRow } from './projection'
import { type RenewalOutcome, runRenewal } from './renewal'
import { migrateSubscriptionSchema, subscriptionSchemaExists } from './schema'
import { createSubscriptionStore, type Stored, type SubscriptionStore } from './store'

export interface CreateSubscriptionInput {
  readonly id: string
  readonly requestHash: string
  readonly userId: string
  readonly plan: Plan
  /** When the first cycle is placed (epoch ms); now or later. */
  readonly startAt: number
}

export type SubscriptionResult = Result<{ subscription: SubscriptionView }>

// A projection D1 refused is tried again this much later; a renewal that crashed, likewise.
const projectionRetryMs = 30_000
const crashedRenewalRetryMs = 60_000

const renews = (sub: Subscription) => sub.status === 'active' || sub.status === 'past_due'

/**
 * One subscription (name: its id). Its alarm renews it: each period the cycle's delivery order
 * is placed through the order placement route and paid from the saved method; a declined charge
 * is retried on the configured schedule, then the subscription is suspended. Every change is one
 * synchronous storage transaction; placing and paying run between two of them, under a key kept
 * in storage, so an alarm run again finds the order it placed instead of placing another.
 */
export class SubscriptionActor extends DurableObject<Env> {
  private readonly store: SubscriptionStore
  private wake: ReturnType<typeof createWakeSync> | null = null

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    ctx.blockConcurrencyWhile(async () => {
      if (subscriptionSchemaExists(ctx.storage.sql)) {
        ctx.storage.transactionSync(() => migrateSubscriptionSchema(ctx.storage.sql))
      }
      this.wake = createWakeSync(ctx.storage, await ctx.storage.getAlarm())
    })
    this.store = createSubscriptionStore(ctx.storage.sql)
  }

  /** Starts the subscription; the same request again answers with it, another one 409. */
  async create(
    input: CreateSubscriptionInput,
  ): Promise<Result<{ subscription: SubscriptionView; replayed: boolean }>> {
    const existing = this.store.load()
    if (existing) {
      if (existing.requestHash !== input.requestHash) {
        const message = 'Idempotency-Key was already used for another subscription'
        return fail('IDEMPOTENCY_KEY_REUSED', message)
      }
      return { ok: true, subscription: this.view(existing.sub), replayed: true }
    }
    const sub = newSubscription({ ...input, now: Date.now() })
    this.ctx.storage.transactionSync(() => this.store.insert(sub, input.requestHash))
    await this.afterCommit()
    return { ok: true, subscription: this.view(sub), replayed: false }
  }

  /** The subscription an earlier create with this request made, for a create retried after a refusal. */
  async replay(requestHash: string): Promise<SubscriptionResult> {
    const stored = this.store.load()
    if (!stored || stored.requestHash !== requestHash)
      return fail('NOT_FOUND', 'no such subscription')
    return { ok: true, subscription: this.view(stored.sub) }
  }

  async read(by: ActorRef): Promise<SubscriptionResult> {
    const stored = this.visible(by)
    if (!stored) return fail('NOT_FOUND', 'no such subscription')
    return { ok: true, subscription: this.view(stored.sub) }
  }

  /** Pause, resume, skip the next delivery or cancel, as the subscription machine allows. */
  async act(action: CallerSubscriptionAction, by: ActorRef): Promise<SubscriptionResult> {
    const result = this.ctx.storage.transactionSync((): SubscriptionResult | Subscription => {
      const stored = this.visible(by)
      if (!stored) return fail('NOT_FOUND', 'no such subscription')
      // Both would move the slot the renewal in flight is about to record.
      if ((action === 'skip' || action === 'resume') && stored.renewing) {
        const message = `a renewal is being placed right now; ${action} again in a moment`
        return fail('CONFLICT', message, { state: stored.sub.status, action })
      }
      const step = callerStep(stored.sub, action, by.role, Date.now())
      if (!step.ok) return fail(step.code, step.message, step.details)
      this.store.save(step.sub, stored.renewing)
      return step.sub
    })
    if ('ok' in result) return result
    await this.afterCommit()
    return { ok: true, subscription: this.view(result) }
  }

  override async alarm(): Promise<void> {
    this.wake?.fired()
    const now = Date.now()
    const renewal = this.store.timer('renewal')
    if (renewal !== null && renewal <= now) {
      try {
        await this.renew()
      } catch (error) {
        // Kept under its key: the retry finds whatever this run placed or paid.
        log(this.env, 'error', 'subscription renewal crashed', {
          subscriptionId: this.ctx.id.name ?? '',
          message: error instanceof Error ? error.message : String(error),
        })
        this.store.setTimer('renewal', now + crashedRenewalRetryMs)
      }
    }
    await this.project()
    this.syncAlarm()
  }

  /** Sends the snapshot to D1 now if it has not reached it; for tests and the alarm. */
  async project(): Promise<{ pending: boolean }> {
    const stored = this.store.load()
    if (!stored || stored.projectedVersion >= stored.sub.version) {
      // A due timer left behind would wake the actor again at once, and again.
      if (this.store.timer('projection') !== null) this.store.clearTimer('projection')
      return { pending: false }
    }
    const { sub } = stored
    try {
      await projectSubscription(this.env.DB, projectionRow(sub))
    } catch {
      this.store.setTimer('projection', Date.now() + projectionRetryMs)
      this.syncAlarm()
      return { pending: true }
    }
    this.ctx.storage.transactionSync(() => {
      this.store.projected(sub.id, sub.version)
      const now = this.store.load()
      if (now && now.sub.version <= sub.version) this.store.clearTimer('projection')
    })
    this.syncAlarm()
    return { pending: false }
  }

  /** Claims the due renewal under a stored key, places and pays it, then records the outcome. */
  private async renew(): Promise<void> {
    const claim = this.ctx.storage.transactionSync(() => {
      const stored = this.store.load()
      if (!stored || !renews(stored.sub)) {
        this.store.clearTimer('renewal')
        return null
      }
      const { sub } = stored
      const key = stored.renewing ?? `${sub.id}:${sub.slot}:${sub.attempt}`
      this.store.setRenewing(sub.id, key)
      return { key, sub }
    })
    if (!claim) return
    const outcome = await runRenewal(this.env, claim.sub, claim.key)
    this.ctx.storage.transactionSync(() => this.record(claim.sub.slot, outcome))
  }

  private record(slot: number, outcome: RenewalOutcome): void {
    const stored = this.store.load()
    if (!stored) return
    const now = Date.now()
    const { sub } = stored
    if (outcome.ok) {
      const { orderId, amount, currency } = outcome
      this.store.addDelivery({
        slot,
        cycle: sub.cyclesDone + 1,
        orderId,
        amount,
        currency,
        at: now,
      })
      this.store.save(renewedStep(sub, now), null)
    } else {
      const failure = {
        code: outcome.code,
        message: outcome.message,
        at: now,
        orderId: outcome.orderId,
      }
      const retries = retryScheduleFrom(this.env.SUBSCRIPTION_RETRY_SECONDS)
      this.store.save(declinedStep(sub, failure, retries, now), null)
    }
  }

  private async afterCommit(): Promise<void> {
    this.syncAlarm()
    await this.project()
  }

  private visible(by: ActorRef): Stored | null {
    const stored = this.store.load()
    if (!stored) return null
    const subject = { userId: stored.sub.userId, storeIds: [stored.sub.plan.storeId] }
    return canSee(by, subject) ? stored : null
  }

  private view(sub: Subscription): SubscriptionView {
    return subscriptionView(sub, this.store.deliveries())
  }

  /** Keeps the one alarm at the earliest timer. */
  private syncAlarm(): void {
    const at = this.store.earliestTimer()
    this.wake?.sync(at === null ? null : { at, orEarlier: false })
  }
}
