import { DurableObject } from 'cloudflare:workers'
import type { Env } from '../../src/env'
import { fail } from '../../src/errors'
import { meterActor } from '../../src/metering/metered-actor'
import { projectionStatements } from '../../src/store/wallet-projection'
import { createAlarmSync } from '../shared/alarm-sync'
import { flushToD1 } from '../shared/flush'
import { type PointsMove, WalletLedger } from './ledger'
import { badCoupon, badPoints, badRedeemRequest } from './rules'
import { consumeStep, redeemStep, releaseStep, restoreStep } from './steps'
import type {
  ConsumeResult,
  IssueCoupon,
  IssueResult,
  PointsResult,
  RedeemResult,
  ReleaseResult,
  WalletSnapshot,
} from './types'

/**
 * One buyer's wallet (name: the user id): issued coupons, member level and points balance. Every
 * change is one synchronous storage transaction, so two orders racing for one coupon or for the
 * last points are serialized here: a coupon is held by one order at a time and the balance never
 * goes negative. D1 hears about changes through the outbox, after the commit, never in between.
 */
export class WalletActor extends DurableObject<Env> {
  private readonly ledger: WalletLedger
  private syncAlarm: (at: number | null) => void = () => {}

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, meterActor(ctx, env, new.target.prototype, 'WalletActor'))
    this.ledger = new WalletLedger(ctx.storage.sql, ctx.id.name ?? ctx.id.toString())
    ctx.blockConcurrencyWhile(async () => {
      this.syncAlarm = createAlarmSync(ctx.storage, await ctx.storage.getAlarm())
    })
  }

  /** Puts a coupon in the wallet; idempotent per coupon id. */
  async issue(coupon: IssueCoupon): Promise<IssueResult> {
    const bad = badCoupon(coupon)
    if (bad) return bad
    const now = Date.now()
    const result = this.ctx.storage.transactionSync(() => {
      const existing = this.ledger.coupon(coupon.id)
      if (existing) return { existing }
      const fresh = { ...coupon, templateId: coupon.terms.id, status: 'available' as const }
      this.ledger.insertCoupon({ ...fresh, orderId: null, issuedAt: now }, now)
      return { existing: null }
    })
    if (!result.existing) this.afterCommit()
    const stored = result.existing ?? this.ledger.coupon(coupon.id)
    if (!stored) return fail('INTERNAL', 'coupon vanished after insert')
    return { ok: true, coupon: stored, replayed: result.existing !== null }
  }

  /** Adds points; idempotent per opId (a retried grant with the same opId adds nothing). */
  async grantPoints(points: number, reason: string, opId: string): Promise<PointsResult> {
    const bad = badPoints(points, opId)
    if (bad) return bad
    return this.movePointsOnce({ opId, delta: points, reason, orderId: null })
  }

  async setLevel(level: number): Promise<{ ok: true; level: number }> {
    const now = Date.now()
    const safe = Number.isSafeInteger(level) && level >= 0 ? level : 0
    this.ctx.storage.transactionSync(() => this.ledger.setLevel(safe, now))
    this.afterCommit()
    return { ok: true, level: safe }
  }

  /**
   * What a quote needs. With `orderId`, coupons and points that order holds count as still in
   * the wallet, so re-pricing a retried placement gives the quote it had before it redeemed.
   */
  async snapshot(orderId?: string): Promise<WalletSnapshot> {
    const { level, points } = this.ledger.wallet()
    const held = orderId === undefined ? null : this.ledger.redemption(orderId)
    const heldPoints = held?.state === 'held' ? held.points : 0
    const coupons = this.ledger
      .coupons()
      .map((c) =>
        c.status === 'locked' && orderId !== undefined && c.orderId === orderId
          ? { ...c, status: 'available' as const, orderId: null }
          : c,
      )
    return { userId: this.userId(), level, pointsBalance: points + heldPoints, coupons }
  }

  /**
   * Holds coupons and points for an order, all or nothing. Idempotent per order: a retry with the
   * same coupons and points returns the same redemption; a different request for an order that
   * already redeemed, or one after release, is a CONFLICT.
   */
  async redeem(orderId: string, couponIds: string[], points: number): Promise<RedeemResult> {
    const bad = badRedeemRequest(orderId, couponIds, points)
    if (bad) return bad
    const now = Date.now()
    const request = { orderId, couponIds, points }
    const result = this.ctx.storage.transactionSync(() => redeemStep(this.ledger, request, now))
    if (result.ok && !result.replayed) this.afterCommit()
    return result
  }

  /**
   * Cancel before payment: coupons and points go back. Idempotent; a no-op after consume. A
   * release that arrives before its redeem leaves a tombstone, so the late redeem is refused.
   */
  async release(orderId: string): Promise<ReleaseResult> {
    if (typeof orderId !== 'string' || orderId === '') return fail('BAD_REQUEST', 'orderId')
    const now = Date.now()
    const result = this.ctx.storage.transactionSync(() => releaseStep(this.ledger, orderId, now))
    if (result.ok && result.released) this.afterCommit()
    return result
  }

  /** The order is paid: its coupons are spent for good. Idempotent. */
  async consume(orderId: string): Promise<ConsumeResult> {
    const now = Date.now()
    const result = this.ctx.storage.transactionSync(() => consumeStep(this.ledger, orderId, now))
    if (result.ok && !result.replayed) this.afterCommit()
    return result
  }

  /**
   * Gives back points a paid order spent (a refund); never more than it spent in total.
   * Idempotent per opId; the default opId makes a whole-order restore happen once.
   */
  async restorePoints(orderId: string, points: number, opId?: string): Promise<PointsResult> {
    const op = opId ?? `restore:${orderId}`
    const bad = badPoints(points, op)
    if (bad) return bad
    const now = Date.now()
    const request = { orderId, points, opId: op }
    const result = this.ctx.storage.transactionSync(() => restoreStep(this.ledger, request, now))
    if (result.ok && !result.replayed) this.afterCommit()
    return result
  }

  /** Delivers the outbox to D1 now; what fails stays queued for the alarm's retry. */
  async flushOutbox(): Promise<{ flushed: number; pending: number }> {
    const outbox = this.ledger.outbox
    const result = await flushToD1(this.env.DB, outbox, {
      statements: (rows) =>
        projectionStatements(
          this.env.DB,
          rows.map((r) => r.payload),
        ),
      ack: (last) => outbox.ack(last.id),
      failed: (last, now) => outbox.failed(last.id, now),
    })
    this.syncAlarm(outbox.nextAttemptAt())
    return result
  }

  override async alarm(): Promise<void> {
    while (this.ledger.outbox.size() > 0) {
      const { flushed } = await this.flushOutbox()
      if (flushed === 0) break
    }
    this.syncAlarm(this.ledger.outbox.nextAttemptAt())
  }

  private movePointsOnce(move: PointsMove): PointsResult {
    const now = Date.now()
    const result = this.ctx.storage.transactionSync((): PointsResult => {
      if (this.ledger.hasOp(move.opId)) return this.balance(true)
      this.ledger.movePoints(move, now)
      return this.balance(false)
    })
    if (result.ok && !result.replayed) this.afterCommit()
    return result
  }

  private balance(replayed: boolean): PointsResult {
    return { ok: true, balance: this.ledger.wallet().points, replayed }
  }

  private userId(): string {
    return this.ctx.id.name ?? this.ctx.id.toString()
  }

  private afterCommit(): void {
    this.syncAlarm(this.ledger.outbox.nextAttemptAt())
    this.ctx.waitUntil(this.flushOutbox())
  }
}
