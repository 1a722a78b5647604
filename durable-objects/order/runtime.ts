import { durationsFrom } from '../../src/config'
import type { ActorRef, Order } from '../../src/domain/order'
import { type OrderView, orderView } from '../../src/domain/order-view'
import type { OrderAction } from '../../src/domain/process/order-types'
import { parseTimerKey, timerKey } from '../../src/domain/process/timer-keys'
import { canSee } from '../../src/domain/visibility'
import type { Env } from '../../src/env'
import { fail, type Result } from '../../src/errors'
import { historyStatements, orderRowKey } from '../../src/store/history-writer'
import { createWakeSync, type Wake } from '../shared/alarm-sync'
import { flushToD1 } from '../shared/flush'
import { type AfterSaleDeps, fireAfterSaleTimer } from './after-sales/service'
import { createEffectsRunner } from './effects-runner'
import { createOrderLedger, type OrderLedger } from './ledger'
import { compensate, type PlacementStep } from './placement/saga'
import { holdStock, STOCK_HOLD_TIMER } from './stock-hold'
import {
  createOrderStore,
  hasOrderStore,
  migrateOrderStore,
  type OrderStore,
  stagedStorage,
} from './store'
import type { ActionInput } from './types'

export type OrderResult = Result<{ order: OrderView }>

/** What every module of the order actor works with: its env, storage, rows and ledger. */
export interface OrderDeps {
  readonly env: Env
  readonly storage: DurableObjectStorage
  readonly store: OrderStore
  readonly ledger: OrderLedger
}

/**
 * The order actor's machinery behind its RPC methods: storage and ledger, one mutation at a
 * time, the alarm kept at the next wake, and after each commit the history flushed to D1 and the
 * side effects run. The actor class holds one and stays a list of RPC methods.
 */
export class OrderRuntime implements OrderDeps {
  readonly store: OrderStore
  readonly ledger: OrderLedger
  /** The actor's storage, each transaction writing the state row once. */
  readonly storage: DurableObjectStorage
  /** The placement step a test asked the next placement to die at (FAULT_INJECTION only). */
  fault: PlacementStep | null = null
  private syncWake: (wake: Wake | null) => void = () => {}
  private alarmFired: () => void = () => {}
  private tail: Promise<unknown> = Promise.resolve()
  private schemaReady = false
  private readonly effects: () => Promise<{ done: number; pending: number }>

  /**
   * `runEffects` is the actor's own RPC method, which every commit kicks: going through it keeps
   * one entry point for the effects, whoever asks (a commit, the alarm, a caller).
   */
  constructor(
    private readonly ctx: DurableObjectState,
    readonly env: Env,
    private readonly runEffects: () => Promise<{ done: number; pending: number }>,
  ) {
    this.store = createOrderStore(ctx.storage.sql)
    this.storage = stagedStorage(ctx.storage, this.store)
    this.ledger = createOrderLedger(this.storage, this.store, () => durationsFrom(env))
    this.effects = createEffectsRunner({ ...this.deps(), afterSales: () => this.afterSaleDeps() })
    ctx.blockConcurrencyWhile(async () => {
      // Reads of an id that never placed an order (probes, sold-out retries) stay write-free.
      this.schemaReady = hasOrderStore(ctx.storage.sql)
      if (this.schemaReady) migrateOrderStore(ctx.storage.sql)
      const wake = createWakeSync(ctx.storage, await ctx.storage.getAlarm())
      this.syncWake = wake.sync
      this.alarmFired = wake.fired
      // Work a previous instance committed but did not finish (it was evicted mid-flush) is
      // finished by whatever wakes this one, not only by its next timer.
      if (this.schemaReady && (this.store.outbox.size() > 0 || this.store.effects.size() > 0)) {
        ctx.waitUntil(this.flushOutbox())
        ctx.waitUntil(this.runEffects())
      }
    })
  }

  deps(): OrderDeps {
    return { env: this.env, storage: this.storage, store: this.store, ledger: this.ledger }
  }

  afterSaleDeps(): AfterSaleDeps {
    return this.deps()
  }

  get hasSchema(): boolean {
    return this.schemaReady
  }

  ensureSchema(): void {
    if (this.schemaReady) return
    migrateOrderStore(this.ctx.storage.sql)
    this.schemaReady = true
  }

  /** The order as `by` may see it; null when there is none or it is not theirs. */
  visible(by: ActorRef): Order | null {
    if (!this.schemaReady) return null
    const current = this.store.load()
    return current && canSee(by, current.order) ? current.order : null
  }

  /** Mutations run one at a time: a payment awaiting stock must not interleave with a cancel. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn)
    this.tail = run.catch(() => undefined)
    return run
  }

  /** Runs `fn` on the order `by` may see and, when it moved, the work that follows a commit. */
  async mutate<T extends { ok: boolean }>(
    by: ActorRef,
    fn: (order: Order) => T | Promise<T>,
  ): Promise<T | ReturnType<typeof fail>> {
    return this.exclusive(async () => {
      const order = this.visible(by)
      if (!order) return fail('NOT_FOUND', 'no such order')
      const result = await fn(order)
      this.afterCommit()
      return result
    })
  }

  transition(
    action: OrderAction,
    input: ActionInput,
    extra: { paidAmount?: number; stock?: Order['stock'] } = {},
  ): OrderResult {
    const order = this.visible(input.by)
    if (!order) return fail('NOT_FOUND', 'no such order')
    const result = this.ledger.transition(order, action, input, extra)
    if (result.ok) this.afterCommit()
    return result.ok ? { ok: true, order: orderView(result.order) } : result
  }

  syncAlarm(): void {
    this.syncWake(this.store.nextWake())
  }

  afterCommit(): void {
    this.syncAlarm()
    this.ctx.waitUntil(this.flushOutbox())
    this.ctx.waitUntil(this.runEffects())
  }

  waitUntil(work: Promise<unknown>): void {
    this.ctx.waitUntil(work)
  }

  /** Delivers the history past the delivered pointer to D1 now; a failure waits for the alarm. */
  async flushOutbox(): Promise<{ flushed: number; pending: number }> {
    if (!this.schemaReady) return { flushed: 0, pending: 0 }
    const outbox = this.store.outbox
    const result = await flushToD1(this.env.DB, outbox, {
      statements: (rows) =>
        historyStatements(
          this.env.DB,
          rows.map((r) => r.payload),
          outbox.deliveredRow(),
        ),
      ack: (last) => outbox.ack(last.id, orderRowKey(last.payload.order)),
      failed: (last, now) => outbox.failed(last.id, now),
    })
    this.syncAlarm()
    return result
  }

  /** Runs the side effects that are due now; one runner at a time. */
  async runDueEffects(): Promise<{ done: number; pending: number }> {
    if (!this.schemaReady) return { done: 0, pending: 0 }
    try {
      return await this.effects()
    } finally {
      this.syncAlarm()
    }
  }

  /** Every due timer, by whose it is: the placement's, an after-sale's or the order's own. */
  async alarm(): Promise<void> {
    this.alarmFired()
    this.ensureSchema()
    await this.exclusive(async () => {
      const now = Date.now()
      for (const timer of this.store.timers.due(now)) {
        const ref = parseTimerKey(timer.kind)
        if (ref?.owner === 'placement') await this.abandonPlacement()
        else if (ref?.owner === 'stock_hold') await this.holdStock()
        else if (ref?.owner === 'order')
          this.ledger.fire(timer.kind, timer.action as OrderAction, now)
        else fireAfterSaleTimer(this.afterSaleDeps(), timer.kind)
      }
    })
    while (this.store.outbox.size() > 0) {
      const { flushed } = await this.flushOutbox()
      if (flushed === 0) break
    }
    await this.runEffects()
    this.syncAlarm()
  }

  /** Gives back whatever a placement that never finished (a crash) may have taken. */
  private async abandonPlacement(): Promise<void> {
    const plan = this.store.placement()
    if (plan && !this.store.load()) await compensate(this.env, plan)
    this.ctx.storage.transactionSync(() => this.endPlacement())
  }

  private async holdStock(): Promise<void> {
    this.storage.transactionSync(() => this.store.timers.clear(STOCK_HOLD_TIMER))
    await holdStock(this.env, this.store.load()?.order)
  }

  endPlacement(): void {
    this.store.stage(() => {
      this.store.endPlacement()
      this.store.timers.clear(timerKey({ owner: 'placement' }))
    })
  }
}
