import { DurableObject } from 'cloudflare:workers'
import {
  type AdjustStep,
  adjustStep,
  restockStep,
  setOnHandStep,
} from '../../src/domain/stock/adjustment'
import type { StockCounts } from '../../src/domain/stock/counts'
import { homeReserveStep, isShortOfUnits } from '../../src/domain/stock/home-reservation'
import { commitClaimStep, releaseClaimStep } from '../../src/domain/stock/quota'
import { commitStep, expireStep, releaseStep } from '../../src/domain/stock/reservation'
import type {
  AdjustResult,
  Availability,
  CommitResult,
  LendResult,
  ReleaseResult,
  ReserveResult,
  StockSnapshot,
} from '../../src/domain/stock/results'
import type { Env } from '../../src/env'
import { meterActor } from '../../src/metering/metered-actor'
import { BORROW_ROUNDS, type BucketIdentity } from './borrowing'
import { StockLedger } from './ledger'
import { deliverLend, type LenderDeps, REDELIVER_MS, recordLend, redeliverLends } from './lending'
import { migrateStockSchema } from './schema'
import { SiblingMemory } from './sibling-memory'

export interface ReserveOptions {
  /** Units one buyer may hold or buy of this SKU here, counted in the same transaction. */
  perBuyerLimit?: number
  /** This bucket's place in its line: when given, a short bucket borrows from its siblings. */
  self?: BucketIdentity
}

/**
 * One bucket of one SKU in one warehouse (name `${skuId}:${warehouseId}:${bucket}`): a buyer's
 * home bucket for that line. It holds the units, each order's reservation and each buyer's
 * quota, and borrows from its siblings when it runs short. Every decision is one synchronous
 * storage transaction running a pure step from src/domain/stock, so concurrent calls are
 * serialized and a retry with the same order or op id changes nothing.
 */
export class StockActor extends DurableObject<Env> {
  readonly ledger: StockLedger
  private failures = 0
  private readonly siblings = new SiblingMemory(() => this.env.STOCK_ACTOR)
  /** The alarm as last set or read: a grant need not ask storage for it every time. */
  private alarmAt: number | null | undefined

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

  /**
   * Reserves `qty` units for the order, all or nothing, with the buyer's quota when the SKU has a
   * limit. A short bucket borrows units from its siblings first; a bucket that found them all
   * empty within the last five seconds answers sold out at once. Refusals write nothing.
   */
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
    const limit = options.perBuyerLimit
    const cmd = {
      orderId,
      userId,
      qty,
      leaseUntil,
      ...(limit === undefined ? {} : { perBuyerLimit: limit }),
    }
    const self = options.self
    let result = this.reserveHere(cmd)
    for (let round = 0; self && round < BORROW_ROUNDS && this.shouldBorrow(result); round++) {
      const have = !result.ok && 'available' in result ? result.available : 0
      await this.siblings.borrow(self, qty - have)
      result = this.reserveHere(cmd)
    }
    return this.settled(result, leaseUntil)
  }

  /**
   * A short bucket of a line borrows unless its siblings were all found empty lately. A reserve
   * that waited on another's borrowing round may still be short (that round fetched what its
   * starter wanted), so it borrows in a round of its own rather than answer sold out.
   */
  private shouldBorrow(result: ReserveResult): boolean {
    return isShortOfUnits(result) && !this.siblings.allEmpty()
  }

  private reserveHere(cmd: Parameters<typeof homeReserveStep>[1]): ReserveResult {
    return this.ctx.storage.transactionSync(() => {
      const step = homeReserveStep(this.ledger.homeSlice(cmd.orderId, cmd.userId), cmd)
      this.ledger.apply(step)
      if (step.claim) this.ledger.saveRow('quota_claims', step.claim)
      return step.result
    })
  }

  private async settled(result: ReserveResult, leaseUntil: number): Promise<ReserveResult> {
    if (result.ok && !result.replayed) await this.wakeBy(leaseUntil)
    return result
  }

  /**
   * Hands up to `qty` free units to the sibling `deliverTo` that ran short and delivers them; if
   * the delivery fails, the lend stays recorded and this bucket's alarm delivers it.
   */
  async lend(opId: string, qty: number, deliverTo: string): Promise<LendResult> {
    const lent = recordLend(this.lender(), opId, qty, deliverTo)
    if (lent.qty === 0) return { ...lent, delivered: true }
    // The borrower may keep more than it needed: a sibling is no longer known to be empty.
    this.siblings.forget()
    const delivered = await deliverLend(this.lender(), opId, lent.qty, deliverTo)
    if (!delivered) await this.wakeBy(Date.now() + REDELIVER_MS)
    return { ...lent, delivered }
  }

  private lender(): LenderDeps {
    return { storage: this.ctx.storage, ledger: this.ledger, ns: this.env.STOCK_ACTOR }
  }

  /** The order adopted its reservation: hold it (and the quota) until `leaseUntil`. */
  async confirm(orderId: string, leaseUntil: number): Promise<{ ok: boolean }> {
    if (!Number.isSafeInteger(leaseUntil)) return { ok: false }
    return { ok: this.ctx.storage.transactionSync(() => this.ledger.extend(orderId, leaseUntil)) }
  }

  /** Payment: the reservation becomes a sale and the buyer's quota is kept for good. */
  async commit(orderId: string): Promise<CommitResult> {
    return this.ctx.storage.transactionSync(() => {
      const step = commitStep(this.ledger.slice(orderId))
      this.ledger.apply(step)
      if (step.result.ok) this.ledger.settleClaim(orderId, commitClaimStep)
      return step.result
    })
  }

  /** Cancel or timeout: held units and quota go back; an unknown order is fenced. */
  async release(orderId: string): Promise<ReleaseResult> {
    return this.ctx.storage.transactionSync(() => {
      const step = releaseStep(this.ledger.slice(orderId), orderId)
      this.ledger.apply(step)
      this.ledger.settleClaim(orderId, (claim) => releaseClaimStep(claim, orderId))
      return step.result
    })
  }

  /**
   * The caller that reserved gives the units back before anything else could see them (another
   * line of the same placement was refused): the rows go, unlike a release, so the same order id
   * may reserve again on a retry.
   */
  async withdraw(orderId: string): Promise<ReleaseResult> {
    return this.ctx.storage.transactionSync((): ReleaseResult => {
      const released = this.ledger.withdraw(orderId)
      return { ok: true, released, state: 'released' }
    })
  }

  /** Goods received or returned; `opId` (e.g. a receipt or return id) makes a retry a no-op. */
  async restock(opId: string, qty: number): Promise<AdjustResult> {
    return this.applyOnce(opId, 'restock', qty, (c) => restockStep(c, qty))
  }

  /**
   * Records a receipt's whole quantity under its id, once: the same id again with the same
   * quantity is a retry, with another quantity a mistake the caller must hear about.
   */
  async noteReceipt(opId: string, qty: number): Promise<{ ok: boolean; qty: number }> {
    return this.ctx.storage.transactionSync(() => {
      const known = this.ledger.opDelta(opId)
      if (known !== undefined) return { ok: known === qty, qty: known }
      this.ledger.saveOp(opId, 'receipt', qty)
      return { ok: true, qty }
    })
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
    this.siblings.forget()
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
    return {
      available,
      held: holds ? (held?.qty ?? 0) : 0,
      inTransit: this.ledger.unitsInTransit(),
    }
  }

  /**
   * Releases every lease that is due and delivers lends that never arrived; at-least-once
   * delivery is fine, expiring or delivering twice is a no-op.
   */
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
    const retry = (await redeliverLends(this.lender())) ? Date.now() + REDELIVER_MS : null
    const next = [this.ledger.earliestLease(), retry].filter((t): t is number => t !== null)
    // Inside alarm() the clock is frozen: an alarm set to "now" would be taken as this one.
    this.alarmAt = next.length > 0 ? Math.max(Math.min(...next), Date.now() + 1) : null
    if (this.alarmAt !== null) await this.ctx.storage.setAlarm(this.alarmAt)
  }

  private applyOnce(
    opId: string,
    kind: string,
    delta: number,
    decide: (c: StockCounts) => AdjustStep,
  ): AdjustResult {
    if (typeof opId !== 'string' || opId === '') return { ok: false, code: 'INVALID_REQUEST' }
    if (delta > 0) this.siblings.forget()
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
    if (this.alarmAt === undefined) this.alarmAt = await this.ctx.storage.getAlarm()
    const current = this.alarmAt
    if (current !== null && current <= at) return
    this.alarmAt = Math.max(at, Date.now() + 1)
    await this.ctx.storage.setAlarm(this.alarmAt)
  }
}
