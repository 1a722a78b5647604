import { DurableObject } from 'cloudflare:workers'
import type { PaymentEvent } from '../src/adapters/payment-events'
import { durationsFrom } from '../src/config'
import type { ActorRef, Address, Json, Order, Shipment } from '../src/domain/order'
import { amountDue } from '../src/domain/order-transition'
import { type OrderView, orderView } from '../src/domain/order-view'
import { attemptOf, type PaymentDue, stageOf } from '../src/domain/payment-stage'
import { payActionByStatus } from '../src/domain/process/engine'
import type { OrderAction } from '../src/domain/process/types'
import { scopeEvents, scopeToViewer } from '../src/domain/store-scope'
import { canSee } from '../src/domain/visibility'
import type { Env } from '../src/env'
import { fail, type Result } from '../src/errors'
import { meterActor } from '../src/metering/metered-actor'
import { metersOn } from '../src/metering/meters'
import type { FulfilmentClaim } from '../src/queues/fulfilment-gate'
import { historyStatements, orderRowKey } from '../src/store/history-writer'
import { createEffectsRunner } from './effects-runner'
import { type HeldDecision, settleHeldPayment } from './held-payments'
import type { ActionInput, PlaceOrderInput, WireEvent } from './order-actor-types'
import {
  type AfterSaleDeps,
  type AfterSaleRequest,
  type AfterSaleView,
  afterSaleActionIn,
  afterSalesOf,
  fireAfterSaleTimer,
  openAfterSaleIn,
  startRefundIn,
} from './order-after-sales'
import {
  cancelAction,
  changeAddress,
  claimFulfilment,
  warehouseReport,
} from './order-fulfilment-ops'
import { createOrderLedger, type OrderLedger } from './order-ledger'
import { applyPaymentEvent, childrenDue, type PaymentOutcome } from './order-payments'
import { settleIfFree } from './order-settle-free'
import { adoptChildren, type ChildInput, type ChildNews, recordChildNews } from './order-split'
import {
  createOrderStore,
  hasOrderStore,
  migrateOrderStore,
  type OrderStore,
  stagedStorage,
} from './order-store'
import {
  compensate,
  InjectedFault,
  isMultiStep,
  type PlacementStep,
  planFor,
  runPlacement,
} from './placement-saga'
import { childRef } from './placement-split'
import { armStockHold, holdStock, STOCK_HOLD_TIMER } from './stock-hold'
import { createWakeSync, type Wake } from './timers'

export type { ActionInput, PlaceOrderInput, WireEvent }

type OrderResult = Result<{ order: OrderView }>

const keyReused = () =>
  fail('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different order')

const flushBatch = 50
/** Payment attempts one stage of an order may make before it takes no more (it then expires). */
export const MAX_PAYMENT_ATTEMPTS = 10
const placementTimeoutMs = 2 * 60_000

/**
 * One order: serializes its transitions, owns its timers, and sends its history and side effects
 * out through queues written in the same transaction as the change.
 */
export class OrderActor extends DurableObject<Env> {
  private readonly store: OrderStore
  private readonly ledger: OrderLedger
  /** The actor's storage, each transaction writing the state row once. */
  private readonly storage: DurableObjectStorage
  private syncAlarm: (wake: Wake | null) => void = () => {}
  private alarmFired: () => void = () => {}
  private tail: Promise<unknown> = Promise.resolve()
  private schemaReady = false
  private fault: PlacementStep | null = null
  private readonly effects: () => Promise<{ done: number; pending: number }>

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, meterActor(ctx, env, new.target.prototype, 'OrderActor'))
    this.store = createOrderStore(ctx.storage.sql)
    this.storage = stagedStorage(ctx.storage, this.store)
    this.ledger = createOrderLedger(this.storage, this.store, () => durationsFrom(env))
    this.effects = createEffectsRunner({
      env: this.env,
      storage: this.storage,
      store: this.store,
      ledger: this.ledger,
      afterSales: () => this.afterSaleDeps(),
    })
    ctx.blockConcurrencyWhile(async () => {
      // Reads of an id that never placed an order (probes, sold-out retries) stay write-free.
      this.schemaReady = hasOrderStore(ctx.storage.sql)
      if (this.schemaReady) migrateOrderStore(ctx.storage.sql)
      const wake = createWakeSync(ctx.storage, await ctx.storage.getAlarm())
      this.syncAlarm = wake.sync
      this.alarmFired = wake.fired
      // Work a previous instance committed but did not finish (it was evicted mid-flush) is
      // finished by whatever wakes this one, not only by its next timer.
      if (this.schemaReady && (this.store.outbox.size() > 0 || this.store.effects.size() > 0)) {
        ctx.waitUntil(this.flushOutbox())
        ctx.waitUntil(this.runEffects())
      }
    })
  }

  /**
   * Adopts the stock the Worker reserved: redeems coupons and points, creates the children of a
   * split, then the order, and holds the reservations past the payment deadline. A retry with
   * the same key and body gets the order as first placed; with another body, a 409.
   */
  async place(input: PlaceOrderInput): Promise<Result<{ order: OrderView; replayed: boolean }>> {
    return this.exclusive(async () => {
      const existing = this.schemaReady ? this.store.load() : null
      if (existing) return this.replayOf(existing, input.requestHash)
      this.ensureSchema()
      const stale = this.store.placement()
      if (stale && stale.requestHash !== input.requestHash) return keyReused()
      // A placement that died half-way resumes with the plan it recorded: every step is
      // idempotent per order id, so what it already took is found, not taken twice.
      const plan = stale ?? planFor(input, durationsFrom(this.env).PAYMENT_TIMEOUT_SECONDS)
      const multiStep = isMultiStep(plan)
      if (multiStep && !stale) {
        this.storage.transactionSync(() => {
          this.store.startPlacement(plan)
          this.store.timers.set('placement_timeout', Date.now() + placementTimeoutMs, 'abandon')
        })
        this.syncAlarm(this.store.nextWake())
      }
      const secured = await runPlacement(this.env, plan, (step) => this.trip(step))
      if (!secured.ok && !secured.compensated) return secured
      this.trip('before_order')
      const split = plan.children
      const refused =
        secured.ok && split ? await adoptChildren(this.env, input, split, [...plan.stock]) : null
      const failure = secured.ok ? refused : secured
      if (failure) {
        if (secured.ok) await compensate(this.env, plan)
        if (multiStep) this.storage.transactionSync(() => this.endPlacement())
        this.syncAlarm(this.store.nextWake())
        return failure
      }
      const done = (order: Order) => {
        if (multiStep) this.endPlacement()
        armStockHold(this.store.timers, order)
      }
      const order = split
        ? this.ledger.create(input, [], done, { status: 'split', children: split.map(childRef) })
        : settleIfFree(this.ledger, this.ledger.create(input, [...plan.stock], done))
      this.afterCommit()
      return { ok: true, order: orderView(order), replayed: false }
    })
  }

  /**
   * Whether this key already placed an order with this body: the order (replayed), 409 for
   * another body, NOT_FOUND when nothing was placed. Reads only: an unknown id stays unwritten.
   */
  async replay(requestHash: string): Promise<Result<{ order: OrderView; replayed: boolean }>> {
    const existing = this.schemaReady ? this.store.load() : null
    if (!existing) return fail('NOT_FOUND', 'no such order')
    return this.replayOf(existing, requestHash)
  }

  private replayOf(
    existing: { order: Order; requestHash: string },
    requestHash: string,
  ): Result<{ order: OrderView; replayed: boolean }> {
    if (existing.requestHash !== requestHash) return keyReused()
    return { ok: true, order: orderView(existing.order), replayed: true }
  }

  /**
   * Test hook: the next placement dies at `step`, as if the actor were reset there. Only when
   * FAULT_INJECTION is on (never in production config).
   */
  async armFault(step: PlacementStep): Promise<Result<{ armed: PlacementStep }>> {
    if (this.env.FAULT_INJECTION !== 'on') return fail('FORBIDDEN', 'fault injection is off')
    this.fault = step
    return { ok: true, armed: step }
  }

  private trip(step: PlacementStep): void {
    if (this.fault !== step) return
    this.fault = null
    throw new InjectedFault(step)
  }

  /**
   * The buyer's (or service's) cancel: before payment a plain cancel; paid but not yet in a
   * warehouse, cancelled on the spot and refunded; in a warehouse, intercepted there first —
   * which fails with 409 INTERCEPT_FAILED once the goods are outbound, and the order goes on.
   */
  async cancel(input: ActionInput): Promise<OrderResult> {
    const first = await this.exclusive(async () => {
      const order = this.visible(input.by)
      if (!order) return fail('NOT_FOUND', 'no such order')
      return this.transition(cancelAction(order), input)
    })
    if (!first.ok || first.order.status !== 'intercepting') return first
    await this.runEffects()
    const after = this.visible(input.by)
    if (after?.status === 'pending_shipment') {
      const message = 'the goods have already left the warehouse; the order goes on'
      return fail('INTERCEPT_FAILED', message, { state: after.status, action: 'intercept' })
    }
    return after ? { ok: true, order: orderView(after) } : fail('NOT_FOUND', 'no such order')
  }

  /** The queue consumer's question before it pushes this order to the WMS. */
  async claimFulfilment(_eventId: string): Promise<Result<{ claim: FulfilmentClaim }>> {
    return this.exclusive(async () => {
      const order = this.schemaReady ? this.store.load()?.order : undefined
      if (!order) return fail('NOT_FOUND', 'no such order')
      const result = claimFulfilment(this.fulfilmentDeps(), order)
      this.afterCommit()
      return result
    })
  }

  /** The warehouse reports picking, or outbound with carrier and tracking number (ships it). */
  async warehouseReport(input: {
    by: ActorRef
    step: 'pick' | 'outbound'
    shipment?: Shipment
  }): Promise<OrderResult> {
    return this.exclusive(async () => {
      const order = this.visible(input.by)
      if (!order) return fail('NOT_FOUND', 'no such order')
      const result = warehouseReport(
        this.fulfilmentDeps(),
        order,
        input.by,
        input.step,
        input.shipment,
      )
      this.afterCommit()
      return result.ok ? { ok: true, order: orderView(result.order) } : result
    })
  }

  /** A new ship-to address, allowed until the goods are outbound. */
  async changeAddress(by: ActorRef, address: Address): Promise<OrderResult> {
    return this.exclusive(async () => {
      const order = this.visible(by)
      if (!order) return fail('NOT_FOUND', 'no such order')
      const result = await changeAddress(this.fulfilmentDeps(), order, by, address)
      this.afterCommit()
      return result.ok ? { ok: true, order: orderView(result.order) } : result
    })
  }

  private fulfilmentDeps() {
    return { env: this.env, storage: this.storage, store: this.store, ledger: this.ledger }
  }

  /** Opens an after-sale (refund only, return and refund, exchange) on this order. */
  async openAfterSale(request: AfterSaleRequest): Promise<Result<{ afterSale: AfterSaleView }>> {
    return this.exclusive(async () => {
      if (!this.visible(request.by as ActorRef)) return fail('NOT_FOUND', 'no such order')
      const result = await openAfterSaleIn(this.afterSaleDeps(), request)
      this.afterCommit()
      return result
    })
  }

  /** Moves one of this order's after-sales: approve, reject, ship back, receive, send... */
  async afterSaleAction(input: {
    by: AfterSaleRequest['by']
    afterSaleId: string
    action: string
    payload: { [k: string]: Json }
  }): Promise<Result<{ afterSale: AfterSaleView }>> {
    return this.exclusive(async () => {
      if (!this.visible(input.by as ActorRef)) return fail('NOT_FOUND', 'no such order')
      const result = await afterSaleActionIn(this.afterSaleDeps(), input)
      this.afterCommit()
      return result
    })
  }

  /** A merchant or customer service gives money back for the buyer: a refund only, approved. */
  async startRefund(
    request: Omit<AfterSaleRequest, 'type'>,
  ): Promise<Result<{ afterSale: AfterSaleView }>> {
    return this.exclusive(async () => {
      if (!this.visible(request.by as ActorRef)) return fail('NOT_FOUND', 'no such order')
      const result = await startRefundIn(this.afterSaleDeps(), request)
      this.afterCommit()
      return result
    })
  }

  async afterSales(by: ActorRef): Promise<Result<{ afterSales: AfterSaleView[] }>> {
    if (!this.visible(by)) return fail('NOT_FOUND', 'no such order')
    return { ok: true, afterSales: afterSalesOf(this.afterSaleDeps()) }
  }

  private afterSaleDeps(): AfterSaleDeps {
    return { env: this.env, storage: this.storage, store: this.store, ledger: this.ledger }
  }

  /** A package of a split submission becomes this order, with the stock already held for it. */
  async adoptChild(input: ChildInput): Promise<OrderResult> {
    return this.exclusive(async () => {
      this.ensureSchema()
      const existing = this.store.load()
      if (existing) return { ok: true, order: orderView(existing.order) }
      const placed = {
        ...input,
        requestHash: `child-of:${input.parentId}`,
        children: null,
        wallet: null,
        freightByStore: [],
      }
      const order = settleIfFree(
        this.ledger,
        this.ledger.create(placed, input.stock, (o) => armStockHold(this.store.timers, o)),
      )
      this.afterCommit()
      return { ok: true, order: orderView(order) }
    })
  }

  /** A child order's news, for a split parent. */
  async childChanged(news: ChildNews): Promise<Result<{ version: number }>> {
    return this.exclusive(async () => {
      const parent = this.schemaReady ? this.store.load()?.order : undefined
      if (!parent?.children?.some((c) => c.id === news.childId)) {
        return fail('NOT_FOUND', 'not a child of this order')
      }
      const deps = { env: this.env, store: this.store, ledger: this.ledger }
      this.storage.transactionSync(() => recordChildNews(deps, parent, news))
      this.afterCommit()
      return { ok: true, version: this.store.load()?.order.version ?? 0 }
    })
  }

  async read(by: ActorRef): Promise<OrderResult> {
    const order = this.visible(by)
    if (!order) return fail('NOT_FOUND', 'no such order')
    return { ok: true, order: orderView(scopeToViewer(by, order)) }
  }

  /** A page of the event log after `after` (a seq); payloads travel as JSON text for RPC. */
  async history(
    by: ActorRef,
    page: { after: number; limit: number } = { after: 0, limit: 100 },
  ): Promise<Result<{ order: OrderView; events: WireEvent[]; nextCursor: string | null }>> {
    const order = this.visible(by)
    if (!order) return fail('NOT_FOUND', 'no such order')
    const limit = Math.min(Math.max(page.limit, 1), 200)
    const later = this.store.events().filter((e) => e.seq > page.after)
    const shown = scopeEvents(by, order, later.slice(0, limit))
    const events = shown.map((e) => ({ ...e, payload: JSON.stringify(e.payload) }))
    const last = later[limit - 1]
    const nextCursor = later.length > limit && last ? String(last.seq) : null
    return { ok: true, order: orderView(scopeToViewer(by, order)), events, nextCursor }
  }

  /** Any table-driven action but payment: cancel, ship, confirm receipt. */
  async perform(action: OrderAction, input: ActionInput): Promise<OrderResult> {
    return this.exclusive(async () => this.transition(action, input))
  }

  /**
   * What a payment must bring now (deposit, balance or payable), for which stage and attempt, to
   * open a provider session.
   */
  async paymentDue(by: ActorRef): Promise<Result<PaymentDue>> {
    const order = this.visible(by)
    if (!order) return fail('NOT_FOUND', 'no such order')
    const due = { orderId: order.id, currency: order.currency }
    if (order.children) {
      const parts = await childrenDue(this.env, order)
      const amount = parts.reduce((n, p) => n + p.amount, 0)
      if (parts.length > 0) {
        return { ok: true, ...due, amount, stage: 'merged', attempt: attemptOf(order, 'merged') }
      }
    }
    if (!payActionByStatus[order.status]) {
      const message = `nothing is payable in state ${order.status}`
      return fail('ILLEGAL_TRANSITION', message, { state: order.status, action: 'pay' })
    }
    const stage = stageOf(order, false)
    const attempt = attemptOf(order, stage)
    // Each declined or mismatched payment adds an event: an order cannot be grown without end.
    if (attempt > MAX_PAYMENT_ATTEMPTS) {
      const message = `${MAX_PAYMENT_ATTEMPTS} payments of this order failed; it takes no more`
      return fail('RATE_LIMITED', message, { stage, attempts: attempt - 1 })
    }
    return { ok: true, ...due, amount: amountDue(order), stage, attempt }
  }

  /** An admin's or customer service's refund or acceptance of a payment held on this order. */
  async settleHeld(input: {
    paymentId: string
    decision: HeldDecision
    by: ActorRef
  }): Promise<Result<{ outcome: string }>> {
    return this.exclusive(async () => {
      if (!this.schemaReady) return fail('NOT_FOUND', 'no such order')
      const deps = {
        env: this.env,
        storage: this.storage,
        store: this.store,
        ledger: this.ledger,
      }
      const result = await settleHeldPayment(deps, input.paymentId, input.decision, input.by)
      this.afterCommit()
      return result
    })
  }

  /** A provider event for this order, applied once per event id whatever the delivery order. */
  async applyPayment(event: PaymentEvent): Promise<PaymentOutcome> {
    return this.exclusive(async () => {
      if (!this.schemaReady) return fail('NOT_FOUND', 'no such order')
      const deps = {
        env: this.env,
        storage: this.storage,
        store: this.store,
        ledger: this.ledger,
      }
      const result = await applyPaymentEvent(deps, event)
      this.afterCommit()
      return result
    })
  }

  /** Delivers the history outbox to D1 now; what fails stays queued for the alarm's retry. */
  async flushOutbox(): Promise<{ flushed: number; pending: number }> {
    if (!this.schemaReady) return { flushed: 0, pending: 0 }
    const rows = this.store.outbox.pending(flushBatch)
    const last = rows.at(-1)
    if (!last) return { flushed: 0, pending: 0 }
    let flushed = 0
    try {
      const entries = rows.map((r) => r.payload)
      await this.env.DB.batch(
        historyStatements(this.env.DB, entries, this.store.outbox.deliveredRow()),
      )
      this.store.outbox.ack(last.id, orderRowKey(last.payload.order))
      flushed = rows.length
    } catch {
      this.store.outbox.failed(last.id, Date.now())
    }
    this.syncAlarm(this.store.nextWake())
    return { flushed, pending: this.store.outbox.size() }
  }

  /** Runs the side effects that are due now; one runner at a time. */
  async runEffects(): Promise<{ done: number; pending: number }> {
    if (!this.schemaReady) return { done: 0, pending: 0 }
    try {
      return await this.effects()
    } finally {
      this.syncAlarm(this.store.nextWake())
    }
  }

  override async alarm(): Promise<void> {
    this.alarmFired()
    this.ensureSchema()
    await this.exclusive(async () => {
      const now = Date.now()
      for (const timer of this.store.timers.due(now)) {
        if (timer.kind === 'placement_timeout') await this.abandonPlacement()
        else if (timer.kind === STOCK_HOLD_TIMER) await this.holdStock()
        else if (timer.kind.startsWith('after_sale:'))
          fireAfterSaleTimer(this.afterSaleDeps(), timer.kind)
        else this.ledger.fire(timer.kind, timer.action as OrderAction, now)
      }
    })
    while (this.store.outbox.size() > 0) {
      const { flushed } = await this.flushOutbox()
      if (flushed === 0) break
    }
    await this.runEffects()
    this.syncAlarm(this.store.nextWake())
  }

  /** Bench only (METERS=on): what this order keeps in its storage. */
  async meterFootprint(): Promise<
    Result<{ stateBytes: number; logBytes: number; events: number; databaseBytes: number }>
  > {
    if (!metersOn(this.env)) return fail('NOT_FOUND', 'no such method')
    const databaseBytes = this.ctx.storage.sql.databaseSize
    return { ok: true, ...this.store.footprint(), databaseBytes }
  }

  /** Mutations run one at a time: a payment awaiting stock must not interleave with a cancel. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn)
    this.tail = run.catch(() => undefined)
    return run
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

  private endPlacement(): void {
    this.store.stage(() => {
      this.store.endPlacement()
      this.store.timers.clear('placement_timeout')
    })
  }

  private ensureSchema(): void {
    if (this.schemaReady) return
    migrateOrderStore(this.ctx.storage.sql)
    this.schemaReady = true
  }

  private visible(by: ActorRef): Order | null {
    if (!this.schemaReady) return null
    const current = this.store.load()
    return current && canSee(by, current.order) ? current.order : null
  }

  private transition(
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

  private afterCommit(): void {
    this.syncAlarm(this.store.nextWake())
    this.ctx.waitUntil(this.flushOutbox())
    this.ctx.waitUntil(this.runEffects())
  }
}
