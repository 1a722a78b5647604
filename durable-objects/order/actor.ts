import { DurableObject } from 'cloudflare:workers'
import type { PaymentEvent } from '../../src/adapters/payment-events'
import type { ActorRef, Address, Json, Shipment } from '../../src/domain/order'
import { type OrderView, orderView } from '../../src/domain/order-view'
import type { PaymentDue } from '../../src/domain/payment-stage'
import type { OrderAction } from '../../src/domain/process/order-types'
import { scopeEvents, scopeToViewer } from '../../src/domain/store-scope'
import type { FulfilmentClaim } from '../../src/domain/wms-order'
import type { Env } from '../../src/env'
import { fail, type Result } from '../../src/errors'
import { meterActor } from '../../src/metering/metered-actor'
import { metersOn } from '../../src/metering/meters'
import {
  type AfterSaleRequest,
  type AfterSaleView,
  afterSaleActionIn,
  afterSalesOf,
  openAfterSaleIn,
  returnAddressOnFile,
  startRefundIn,
} from './after-sales/service'
import { type CancelLinesInput, cancelLinesIn } from './cancel-lines'
import { cancelAction, changeAddress, claimFulfilment, warehouseReport } from './fulfilment'
import { type HeldDecision, settleHeldPayment } from './held-payments'
import { paymentDueOf } from './payment-due'
import { applyPaymentEvent, type PaymentOutcome } from './payments'
import { type Placed, place, replay } from './placement/place'
import type { PlacementStep } from './placement/saga'
import { type OrderResult, OrderRuntime } from './runtime'
import { settleIfFree } from './settle-free'
import { type ChildInput, type ChildNews, recordChildNews } from './split'
import { armStockHold } from './stock-hold'
import type { ActionInput, PlaceOrderInput, WireEvent } from './types'

type AfterSaleResult = Result<{ afterSale: AfterSaleView }>

/**
 * One order: serializes its transitions, owns its timers, and sends its history and side effects
 * out through queues written in the same transaction as the change. This class is its RPC
 * surface; the machinery is OrderRuntime, each kind of work its own module.
 */
export class OrderActor extends DurableObject<Env> {
  private readonly rt: OrderRuntime

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, meterActor(ctx, env, new.target.prototype, 'OrderActor'))
    this.rt = new OrderRuntime(ctx, this.env, () => this.runEffects())
  }

  /** Adopts the stock the Worker reserved and creates the order (see placement/place.ts). */
  async place(input: PlaceOrderInput): Promise<Placed> {
    return this.rt.exclusive(() => place(this.rt, input))
  }

  /** Whether this key already placed an order with this body; reads only. */
  async replay(requestHash: string): Promise<Placed> {
    return replay(this.rt, requestHash)
  }

  /**
   * Test hook: the next placement dies at `step`, as if the actor were reset there. Only when
   * FAULT_INJECTION is on (never in production config).
   */
  async armFault(step: PlacementStep): Promise<Result<{ armed: PlacementStep }>> {
    if (this.env.FAULT_INJECTION !== 'on') return fail('FORBIDDEN', 'fault injection is off')
    this.rt.fault = step
    return { ok: true, armed: step }
  }

  /**
   * The buyer's (or service's) cancel: before payment a plain cancel; paid but not yet in a
   * warehouse, cancelled on the spot and refunded; in a warehouse, intercepted there first —
   * which fails with 409 INTERCEPT_FAILED once the goods are outbound, and the order goes on.
   */
  async cancel(input: ActionInput): Promise<OrderResult> {
    const first = await this.rt.exclusive(async () => {
      const order = this.rt.visible(input.by)
      if (!order) return fail('NOT_FOUND', 'no such order')
      return this.rt.transition(cancelAction(order), input)
    })
    if (!first.ok || first.order.status !== 'intercepting') return first
    return this.interceptAnswer(input.by)
  }

  /**
   * Cancels some units of a paid, unshipped order: their finals refunded, their stock back, the
   * points in proportion; the rest ships. Cancelling every unit left is the whole cancel above.
   * A retry with the same Idempotency-Key answers the order as it is, and repeats nothing.
   */
  async cancelLines(input: CancelLinesInput): Promise<OrderResult> {
    const first = await this.rt.mutate(input.by, (order) =>
      cancelLinesIn(this.rt.deps(), order, input),
    )
    if (!first.ok) return first
    if (first.order.status === 'intercepting') return this.interceptAnswer(input.by)
    return { ok: true, order: orderView(scopeToViewer(input.by, first.order)) }
  }

  /** The WMS's answer to an interception, once asked: cancelled, or 409 as the goods had left. */
  private async interceptAnswer(by: ActorRef): Promise<OrderResult> {
    await this.runEffects()
    const after = this.rt.visible(by)
    if (after?.status === 'pending_shipment') {
      const message = 'the goods have already left the warehouse; the order goes on'
      return fail('INTERCEPT_FAILED', message, { state: after.status, action: 'intercept' })
    }
    return after ? { ok: true, order: orderView(after) } : fail('NOT_FOUND', 'no such order')
  }

  /** The queue consumer's question before it pushes this order to the WMS. */
  async claimFulfilment(_eventId: string): Promise<Result<{ claim: FulfilmentClaim }>> {
    return this.rt.exclusive(async () => {
      const order = this.rt.hasSchema ? this.rt.store.load()?.order : undefined
      if (!order) return fail('NOT_FOUND', 'no such order')
      const result = claimFulfilment(this.rt.deps(), order)
      this.rt.afterCommit()
      return result
    })
  }

  /** The warehouse reports picking, or outbound with carrier and tracking number (ships it). */
  async warehouseReport(input: {
    by: ActorRef
    step: 'pick' | 'outbound'
    shipment?: Shipment
  }): Promise<OrderResult> {
    return this.rt.mutate(input.by, (order) => {
      const deps = this.rt.deps()
      const result = warehouseReport(deps, order, input.by, input.step, input.shipment)
      return result.ok ? { ok: true, order: orderView(result.order) } : result
    })
  }

  /** A new ship-to address, allowed until the goods are outbound. */
  async changeAddress(by: ActorRef, address: Address): Promise<OrderResult> {
    return this.rt.mutate(by, async (order) => {
      const result = await changeAddress(this.rt.deps(), order, by, address)
      return result.ok ? { ok: true, order: orderView(result.order) } : result
    })
  }

  /** Opens an after-sale (refund only, return and refund, exchange) on this order. */
  async openAfterSale(request: AfterSaleRequest): Promise<AfterSaleResult> {
    const by = request.by as ActorRef
    const onFile = await returnAddressOnFile(this.env, this.rt.visible(by), request.type)
    return this.rt.mutate(by, () => openAfterSaleIn(this.rt.afterSaleDeps(), request, onFile))
  }

  /** Moves one of this order's after-sales: approve, reject, ship back, receive, send... */
  async afterSaleAction(input: {
    by: AfterSaleRequest['by']
    afterSaleId: string
    action: string
    payload: { [k: string]: Json }
  }): Promise<AfterSaleResult> {
    const by = input.by as ActorRef
    return this.rt.mutate(by, () => afterSaleActionIn(this.rt.afterSaleDeps(), input))
  }

  /** A merchant or customer service gives money back for the buyer: a refund only, approved. */
  async startRefund(request: Omit<AfterSaleRequest, 'type'>): Promise<AfterSaleResult> {
    const by = request.by as ActorRef
    return this.rt.mutate(by, () => startRefundIn(this.rt.afterSaleDeps(), request))
  }

  async afterSales(by: ActorRef): Promise<Result<{ afterSales: AfterSaleView[] }>> {
    if (!this.rt.visible(by)) return fail('NOT_FOUND', 'no such order')
    return { ok: true, afterSales: afterSalesOf(this.rt.afterSaleDeps()) }
  }

  /** A package of a split submission becomes this order, with the stock already held for it. */
  async adoptChild(input: ChildInput): Promise<OrderResult> {
    return this.rt.exclusive(async () => {
      this.rt.ensureSchema()
      const existing = this.rt.store.load()
      if (existing) return { ok: true, order: orderView(existing.order) }
      const placed = {
        ...input,
        requestHash: `child-of:${input.parentId}`,
        children: null,
        wallet: null,
        freightByStore: [],
      }
      const ledger = this.rt.ledger
      const order = settleIfFree(
        ledger,
        ledger.create(placed, input.stock, (o) => armStockHold(this.rt.store.timers, o)),
      )
      this.rt.afterCommit()
      return { ok: true, order: orderView(order) }
    })
  }

  /** A child order's news, for a split parent. */
  async childChanged(news: ChildNews): Promise<Result<{ version: number }>> {
    return this.rt.exclusive(async () => {
      const parent = this.rt.hasSchema ? this.rt.store.load()?.order : undefined
      if (!parent?.children?.some((c) => c.id === news.childId)) {
        return fail('NOT_FOUND', 'not a child of this order')
      }
      const deps = { env: this.env, store: this.rt.store, ledger: this.rt.ledger }
      this.rt.storage.transactionSync(() => recordChildNews(deps, parent, news))
      this.rt.afterCommit()
      return { ok: true, version: this.rt.store.load()?.order.version ?? 0 }
    })
  }

  async read(by: ActorRef): Promise<OrderResult> {
    const order = this.rt.visible(by)
    if (!order) return fail('NOT_FOUND', 'no such order')
    return { ok: true, order: orderView(scopeToViewer(by, order)) }
  }

  /** A page of the event log after `after` (a seq); payloads travel as JSON text for RPC. */
  async history(
    by: ActorRef,
    page: { after: number; limit: number } = { after: 0, limit: 100 },
  ): Promise<Result<{ order: OrderView; events: WireEvent[]; nextCursor: string | null }>> {
    const order = this.rt.visible(by)
    if (!order) return fail('NOT_FOUND', 'no such order')
    const limit = Math.min(Math.max(page.limit, 1), 200)
    const later = this.rt.store.events().filter((e) => e.seq > page.after)
    const shown = scopeEvents(by, order, later.slice(0, limit))
    const events = shown.map((e) => ({ ...e, payload: JSON.stringify(e.payload) }))
    const last = later[limit - 1]
    const nextCursor = later.length > limit && last ? String(last.seq) : null
    return { ok: true, order: orderView(scopeToViewer(by, order)), events, nextCursor }
  }

  /** Any table-driven action but payment: cancel, ship, confirm receipt. */
  async perform(action: OrderAction, input: ActionInput): Promise<OrderResult> {
    return this.rt.exclusive(async () => this.rt.transition(action, input))
  }

  /** What a payment must bring now, for which stage and attempt, to open a provider session. */
  async paymentDue(by: ActorRef): Promise<Result<PaymentDue>> {
    const order = this.rt.visible(by)
    if (!order) return fail('NOT_FOUND', 'no such order')
    return paymentDueOf(this.env, order)
  }

  /** An admin's or customer service's refund or acceptance of a payment held on this order. */
  async settleHeld(input: {
    paymentId: string
    decision: HeldDecision
    by: ActorRef
  }): Promise<Result<{ outcome: string }>> {
    return this.rt.exclusive(async () => {
      if (!this.rt.hasSchema) return fail('NOT_FOUND', 'no such order')
      const deps = this.rt.deps()
      const result = await settleHeldPayment(deps, input.paymentId, input.decision, input.by)
      this.rt.afterCommit()
      return result
    })
  }

  /** A provider event for this order, applied once per event id whatever the delivery order. */
  async applyPayment(event: PaymentEvent): Promise<PaymentOutcome> {
    return this.rt.exclusive(async () => {
      if (!this.rt.hasSchema) return fail('NOT_FOUND', 'no such order')
      const result = await applyPaymentEvent(this.rt.deps(), event)
      this.rt.afterCommit()
      return result
    })
  }

  /** Delivers the history outbox to D1 now; what fails stays queued for the alarm's retry. */
  async flushOutbox(): Promise<{ flushed: number; pending: number }> {
    return this.rt.flushOutbox()
  }

  /** Runs the side effects that are due now; one runner at a time. */
  async runEffects(): Promise<{ done: number; pending: number }> {
    return this.rt.runDueEffects()
  }

  override async alarm(): Promise<void> {
    await this.rt.alarm()
  }

  /** Bench only (METERS=on): what this order keeps in its storage. */
  async meterFootprint(): Promise<
    Result<{ stateBytes: number; logBytes: number; events: number; databaseBytes: number }>
  > {
    if (!metersOn(this.env)) return fail('NOT_FOUND', 'no such method')
    const databaseBytes = this.ctx.storage.sql.databaseSize
    return { ok: true, ...this.rt.store.footprint(), databaseBytes }
  }
}
