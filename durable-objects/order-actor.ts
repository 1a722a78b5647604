import { DurableObject } from 'cloudflare:workers'
import { durationsFrom } from '../src/config'
import type { ActorRef, Address, Json, Order, OrderEvent, Shipment } from '../src/domain/order'
import type { Draft } from '../src/domain/order-draft'
import { amountDue, applyTransition } from '../src/domain/order-transition'
import { type OrderView, orderView } from '../src/domain/order-view'
import { decide, payActionByStatus, timerDueAt } from '../src/domain/process/engine'
import { processFor } from '../src/domain/process/registry'
import type { OrderAction, TimerRule } from '../src/domain/process/types'
import { canSee } from '../src/domain/visibility'
import type { Env } from '../src/env'
import { type Failure, fail, type Result } from '../src/errors'
import { historyStatements } from '../src/store/history-writer'
import { createOrderStore, migrateOrderStore, type OrderStore } from './order-store'
import { createAlarmSync } from './timers'

export interface PlaceOrderInput {
  readonly orderId: string
  readonly requestHash: string
  readonly userId: string
  readonly parentId: string | null
  readonly draft: Draft
  readonly address: Address
  readonly note: string | null
}

export interface ActionInput {
  readonly by: ActorRef
  readonly reason?: string
  readonly shipment?: Shipment
}

type OrderResult = Result<{ order: OrderView }>

export type WireEvent = Omit<OrderEvent, 'payload'> & { readonly payload: string }

const flushBatch = 50

/** One order: serializes its transitions, owns its timers, and writes its history through an outbox. */
export class OrderActor extends DurableObject<Env> {
  private readonly store: OrderStore
  private syncAlarm: (at: number | null) => void = () => {}

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.store = createOrderStore(ctx.storage.sql)
    ctx.blockConcurrencyWhile(async () => {
      migrateOrderStore(ctx.storage.sql)
      this.syncAlarm = createAlarmSync(ctx.storage, await ctx.storage.getAlarm())
    })
  }

  async place(input: PlaceOrderInput): Promise<Result<{ order: OrderView; replayed: boolean }>> {
    const existing = this.store.load()
    if (existing) {
      if (existing.requestHash !== input.requestHash) {
        return fail('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different order')
      }
      return { ok: true, order: orderView(existing.order), replayed: true }
    }
    const now = Date.now()
    const order = newOrder(input, now)
    const event = this.eventOf(order, 'place', null, { role: 'buyer', id: input.userId }, now, {
      payable: order.amounts.payable,
      lines: order.lines.length,
    })
    this.ctx.storage.transactionSync(() => {
      this.store.save(order, input.requestHash)
      this.record(order, event, true)
      this.arm(order, processFor(order.type).timers[order.status] ?? [], now)
    })
    this.afterCommit()
    return { ok: true, order: orderView(order), replayed: false }
  }

  async read(by: ActorRef): Promise<OrderResult> {
    const order = this.visible(by)
    if (!order) return fail('NOT_FOUND', 'no such order')
    return { ok: true, order: orderView(order) }
  }

  /** The event log; payloads travel as JSON text, which RPC's types can describe. */
  async history(by: ActorRef): Promise<Result<{ order: OrderView; events: WireEvent[] }>> {
    const order = this.visible(by)
    if (!order) return fail('NOT_FOUND', 'no such order')
    const events = this.store.events().map((e) => ({ ...e, payload: JSON.stringify(e.payload) }))
    return { ok: true, order: orderView(order), events }
  }

  /** Any table-driven action but payment: cancel, ship, confirm receipt. */
  async perform(action: OrderAction, input: ActionInput): Promise<OrderResult> {
    return this.transition(action, input, {})
  }

  /** Sandbox payment of whatever is due now (the deposit, the balance, or the payable). */
  async pay(by: ActorRef): Promise<OrderResult> {
    const order = this.visible(by)
    if (!order) return fail('NOT_FOUND', 'no such order')
    const action = payActionByStatus[order.status]
    if (!action) {
      const message = `nothing is payable in state ${order.status}`
      return fail('ILLEGAL_TRANSITION', message, { state: order.status, action: 'pay' })
    }
    const amount = amountDue(order)
    return this.transition(action, { by }, { paidAmount: amount })
  }

  /** Delivers the outbox to D1 now; what fails stays queued for the alarm's retry. */
  async flushOutbox(): Promise<{ flushed: number; pending: number }> {
    const rows = this.store.outbox.pending(flushBatch)
    const last = rows.at(-1)
    if (!last) return { flushed: 0, pending: 0 }
    let flushed = 0
    try {
      await this.env.DB.batch(
        historyStatements(
          this.env.DB,
          rows.map((r) => r.payload),
        ),
      )
      this.store.outbox.ack(last.id)
      flushed = rows.length
    } catch {
      this.store.outbox.failed(last.id, Date.now())
    }
    this.syncAlarm(this.store.nextWake())
    return { flushed, pending: this.store.outbox.size() }
  }

  override async alarm(): Promise<void> {
    const now = Date.now()
    for (const timer of this.store.timers.due(now)) {
      this.fire(timer.kind, timer.action as OrderAction, now)
    }
    while (this.store.outbox.size() > 0) {
      const { flushed } = await this.flushOutbox()
      if (flushed === 0) break
    }
    this.syncAlarm(this.store.nextWake())
  }

  private fire(kind: string, action: OrderAction, now: number): void {
    const current = this.store.load()
    const decision = current
      ? decide(
          processFor(current.order.type),
          current.order.status,
          action,
          'system',
          current.order,
          now,
        )
      : null
    if (!current || !decision?.ok) {
      // The order moved on (paid before its deadline, say): the timer is simply spent.
      this.ctx.storage.transactionSync(() => this.store.timers.clear(kind))
      return
    }
    this.commit(
      current.order,
      action,
      decision,
      { by: { role: 'system', id: `timer:${kind}` } },
      {
        now,
        spentTimer: kind,
      },
    )
  }

  private visible(by: ActorRef): Order | null {
    const current = this.store.load()
    return current && canSee(by, current.order) ? current.order : null
  }

  private transition(
    action: OrderAction,
    input: ActionInput,
    extra: { paidAmount?: number },
  ): OrderResult {
    const order = this.visible(input.by)
    if (!order) return fail('NOT_FOUND', 'no such order')
    const now = Date.now()
    const decision = decide(processFor(order.type), order.status, action, input.by.role, order, now)
    if (!decision.ok) return fail(decision.code, decision.message, decision.details) as Failure
    const next = this.commit(order, action, decision, input, { now, ...extra })
    return { ok: true, order: orderView(next) }
  }

  private commit(
    order: Order,
    action: OrderAction,
    decision: {
      from: Order['status']
      to: Order['status']
      disarm: readonly string[]
      arm: readonly TimerRule[]
    },
    input: ActionInput,
    opts: { now: number; paidAmount?: number; spentTimer?: string },
  ): Order {
    const seq = order.version + 1
    const next = applyTransition(order, {
      action,
      to: decision.to,
      now: opts.now,
      seq,
      ...(opts.paidAmount === undefined ? {} : { paidAmount: opts.paidAmount }),
      ...(input.shipment ? { shipment: input.shipment } : {}),
      ...(input.reason ? { reason: input.reason } : {}),
    })
    const payload: { [k: string]: Json } = {}
    if (opts.paidAmount !== undefined) payload.paid = opts.paidAmount
    if (input.shipment) payload.shipment = { ...input.shipment }
    if (next.cancelReason && next.cancelReason !== order.cancelReason)
      payload.reason = next.cancelReason
    const event = this.eventOf(next, action, decision.from, input.by, opts.now, payload)
    this.ctx.storage.transactionSync(() => {
      this.store.save(next, '')
      this.record(next, event, false)
      if (opts.spentTimer) this.store.timers.clear(opts.spentTimer)
      for (const kind of decision.disarm) this.store.timers.clear(kind)
      this.arm(next, decision.arm, opts.now)
    })
    this.afterCommit()
    return next
  }

  private eventOf(
    order: Order,
    action: string,
    from: Order['status'] | null,
    by: ActorRef,
    at: number,
    payload: { [k: string]: Json },
  ): OrderEvent {
    return {
      seq: order.version,
      action,
      from,
      to: order.status,
      actorRole: by.role,
      actorId: by.id,
      payload,
      at,
    }
  }

  private record(order: Order, event: OrderEvent, withLines: boolean): void {
    this.store.append(event)
    this.store.outbox.add({ order, event, withLines }, event.at)
  }

  private arm(order: Order, rules: readonly TimerRule[], now: number): void {
    const durations = durationsFrom(this.env)
    for (const rule of rules) {
      this.store.timers.set(rule.kind, timerDueAt(rule, order, now, durations), rule.action)
    }
  }

  private afterCommit(): void {
    this.syncAlarm(this.store.nextWake())
    this.ctx.waitUntil(this.flushOutbox())
  }
}

function newOrder(input: PlaceOrderInput, now: number): Order {
  const { draft } = input
  return {
    id: input.orderId,
    parentId: input.parentId,
    userId: input.userId,
    storeId: draft.storeIds.length === 1 ? (draft.storeIds[0] ?? null) : null,
    storeIds: draft.storeIds,
    type: draft.type,
    status: processFor(draft.type).initial,
    currency: draft.currency,
    lines: draft.lines,
    amounts: draft.amounts,
    address: input.address,
    note: input.note,
    presale: draft.presale,
    shipment: null,
    afterSaleOpen: true,
    cancelReason: null,
    createdAt: now,
    depositPaidAt: null,
    paidAt: null,
    shippedAt: null,
    receivedAt: null,
    completedAt: null,
    cancelledAt: null,
    updatedAt: now,
    version: 1,
  }
}
