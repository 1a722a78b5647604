import { DurableObject } from 'cloudflare:workers'
import {
  type AdjustStep,
  adjustStep,
  restockStep,
  setOnHandStep,
} from '../src/domain/stock/adjustment'
import type { StockCounts } from '../src/domain/stock/counts'
import { claimStep, commitClaimStep, releaseClaimStep } from '../src/domain/stock/quota'
import { commitStep, expireStep, releaseStep, reserveStep } from '../src/domain/stock/reservation'
import type {
  AdjustResult,
  Availability,
  ClaimResult,
  CommitResult,
  ReleaseResult,
  ReserveResult,
  StockSnapshot,
} from '../src/domain/stock/results'
import type { Env } from '../src/env'
import { meterActor } from '../src/metering/metered-actor'
import { StockLedger } from './stock-ledger'
import { migrateStockSchema } from './stock-schema'

export interface ReserveOptions {
  /** Grant up to qty instead of all or nothing (a line drawn from several buckets). */
  partial?: boolean
}

/**
 * One bucket of one SKU in one warehouse (name `${skuId}:${warehouseId}:${bucket}`), or the
 * purchase-limit ledger of a shard of buyers (name `${skuId}:limit:${shard}`). Every method is
 * one synchronous storage transaction running a pure step from src/domain/stock, so concurrent
 * calls are serialized and a retry with the same order or op id changes nothing.
 */
export class StockActor extends DurableObject<Env> {
  readonly ledger: StockLedger
  private failures = 0

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, meterActor(ctx, env, new.target.prototype, 'StockActor'))
    this.ledger = new StockLedger(ctx.storage.sql)
    void ctx.blockConcurrencyWhile(async () => {
      ctx.storage.transactionSync(() => migrateStockSchema(ctx.storage.sql))
    })
  }

  /** Test hook: the next `count` reserves throw, as an overloaded or resetting actor would. */
  async failNext(count: number): Promise<boolean> {
    if (this.env.FAULT_INJECTION !== 'on') return false
    this.failures = count
    return true
  }

  async reserve(
    orderId: string,
    userId: string,
    qty: number,
    leaseUntil: number,
    options: ReserveOptions = {},
  ): Promise<ReserveResult> {
    if (this.failures > 0) {
      this.failures -= 1
      throw new Error('injected stock actor failure')
    }
    const partial = options.partial === true
    const result = this.ctx.storage.transactionSync(() => {
      const step = reserveStep(this.ledger.slice(orderId), {
        orderId,
        userId,
        qty,
        leaseUntil,
        partial,
      })
      this.ledger.apply(step)
      return step.result
    })
    if (result.ok && !result.replayed) await this.wakeBy(leaseUntil)
    return result
  }

  async commit(orderId: string): Promise<CommitResult> {
    return this.ctx.storage.transactionSync(() => {
      const step = commitStep(this.ledger.slice(orderId))
      this.ledger.apply(step)
      return step.result
    })
  }

  async release(orderId: string): Promise<ReleaseResult> {
    return this.ctx.storage.transactionSync(() => {
      const step = releaseStep(this.ledger.slice(orderId), orderId)
      this.ledger.apply(step)
      return step.result
    })
  }

  /** Goods received or returned; `opId` (e.g. a receipt or return id) makes a retry a no-op. */
  async restock(opId: string, qty: number): Promise<AdjustResult> {
    return this.applyOnce(opId, 'restock', qty, (c) => restockStep(c, qty))
  }

  /** Signed admin correction of free units; also each leg of a rebalance. */
  async adjust(opId: string, delta: number): Promise<AdjustResult> {
    return this.applyOnce(opId, 'adjust', delta, (c) => adjustStep(c, delta))
  }

  /** First leg of a rebalance move, logged under `opId` so a crashed move can be finished. */
  async moveOut(opId: string, qty: number): Promise<AdjustResult> {
    if (!Number.isSafeInteger(qty) || qty <= 0) return { ok: false, code: 'INVALID_REQUEST' }
    return this.applyOnce(opId, 'move_out', -qty, (c) => adjustStep(c, -qty))
  }

  /** Logged move-out legs whose op id starts with `prefix`, with the units each took out. */
  async movesOut(prefix: string): Promise<{ opId: string; qty: number }[]> {
    return this.ledger.opsWithPrefix('move_out', prefix).map((op) => ({ ...op, qty: -op.delta }))
  }

  /** Absolute, so naturally idempotent: sets available + reserved to `onHand`. */
  async setOnHand(onHand: number): Promise<AdjustResult> {
    return this.ctx.storage.transactionSync(() => {
      const step = setOnHandStep(this.ledger.counts(), onHand)
      if (step.counts) this.ledger.saveCounts(step.counts)
      return step.result
    })
  }

  async snapshot(): Promise<StockSnapshot> {
    return {
      counts: this.ledger.counts(),
      activeReservations: this.ledger.activeReservations(),
      nextLeaseExpiry: this.ledger.earliestLease(),
    }
  }

  /** Read-only probe: free units, plus what `orderId` already holds here (for retried lines). */
  async availability(orderId?: string): Promise<Availability> {
    const { available } = this.ledger.counts()
    const held = orderId === undefined ? undefined : this.ledger.row('reservations', orderId)
    const holds = held?.state === 'reserved' || held?.state === 'committed'
    return { available, held: holds ? (held?.qty ?? 0) : 0 }
  }

  async claimQuota(
    orderId: string,
    userId: string,
    qty: number,
    limit: number,
    leaseUntil: number,
  ): Promise<ClaimResult> {
    const result = this.ctx.storage.transactionSync(() => {
      const used = this.ledger.quotaUsed(userId, orderId)
      const step = claimStep(this.ledger.row('quota_claims', orderId), used, {
        orderId,
        userId,
        qty,
        limit,
        leaseUntil,
      })
      if (step.claim) this.ledger.saveRow('quota_claims', step.claim)
      return step.result
    })
    if (result.ok && !result.replayed) await this.wakeBy(leaseUntil)
    return result
  }

  /** True when the order's quota is (now or already) kept for good. */
  async commitQuota(orderId: string): Promise<boolean> {
    return this.ctx.storage.transactionSync(() => {
      const step = commitClaimStep(this.ledger.row('quota_claims', orderId))
      if (step.claim) this.ledger.saveRow('quota_claims', step.claim)
      return step.result
    })
  }

  /** True when quota went back to the buyer by this call. */
  async releaseQuota(orderId: string): Promise<boolean> {
    return this.ctx.storage.transactionSync(() => {
      const step = releaseClaimStep(this.ledger.row('quota_claims', orderId), orderId)
      if (step.claim) this.ledger.saveRow('quota_claims', step.claim)
      return step.result
    })
  }

  /** Releases every lease that is due; at-least-once delivery is fine, expiring twice is a no-op. */
  override async alarm(): Promise<void> {
    const now = Date.now()
    this.ctx.storage.transactionSync(() => {
      for (const reservation of this.ledger.due('reservations', now)) {
        this.ledger.apply(expireStep({ counts: this.ledger.counts(), reservation }, now))
      }
      for (const claim of this.ledger.due('quota_claims', now)) {
        this.ledger.saveRow('quota_claims', { ...claim, state: 'expired' })
      }
    })
    const next = this.ledger.earliestLease()
    // Inside alarm() the clock is frozen: an alarm set to "now" would be taken as this one.
    if (next !== null) await this.ctx.storage.setAlarm(Math.max(next, Date.now() + 1))
  }

  private applyOnce(
    opId: string,
    kind: string,
    delta: number,
    decide: (c: StockCounts) => AdjustStep,
  ): AdjustResult {
    if (typeof opId !== 'string' || opId === '') return { ok: false, code: 'INVALID_REQUEST' }
    return this.ctx.storage.transactionSync(() => {
      if (this.ledger.hasOp(opId)) {
        return { ok: true, counts: this.ledger.counts(), replayed: true }
      }
      const step = decide(this.ledger.counts())
      if (step.counts) {
        this.ledger.saveCounts(step.counts)
        this.ledger.saveOp(opId, kind, delta)
      }
      return step.result
    })
  }

  /** One alarm slot: keep it at the earliest lease, only ever moving it earlier here. */
  private async wakeBy(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm()
    if (current === null || at < current) {
      await this.ctx.storage.setAlarm(Math.max(at, Date.now() + 1))
    }
  }
}
