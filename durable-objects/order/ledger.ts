import type { AfterSaleRow } from '../../src/domain/after-sale/projection'
import type { LedgerEntry } from '../../src/domain/ledger-entry'
import type {
  ActorRef,
  Json,
  Order,
  OrderEvent,
  PaymentRef,
  StockLine,
} from '../../src/domain/order'
import { effectsOnAction } from '../../src/domain/order-effects'
import { queueEventFor } from '../../src/domain/order-events'
import { applyTransition } from '../../src/domain/order-transition'
import { decide, timerDueAt } from '../../src/domain/process/decide'
import type { OrderDecision } from '../../src/domain/process/order-process'
import type { Durations, OrderAction, OrderTimerRule } from '../../src/domain/process/order-types'
import { processFor } from '../../src/domain/process/registry'
import { timerKey } from '../../src/domain/process/timer-keys'
import { type Failure, fail } from '../../src/errors'
import { commitTransition, type TimerPlacement } from '../shared/transition'
import { tasksFor } from './effect-tasks'
import type { EffectTask } from './effects'
import { orderMessage } from './messages'
import { settleStockHold } from './stock-hold'
import type { OrderStore } from './store'
import type { ActionInput, PlaceOrderInput } from './types'

type Payload = { [k: string]: Json }
/** What a transition may carry besides the action: money, stock, ledger rows, more writes. */
export interface TransitionExtra {
  readonly paidAmount?: number
  readonly stock?: Order['stock']
  readonly payment?: PaymentRef
  readonly ledger?: readonly LedgerEntry[]
  /** More writes that must commit or fail with the transition (an event id marked seen). */
  readonly alsoInTx?: () => void
}

export interface NoteOptions {
  readonly ledger?: readonly LedgerEntry[]
  readonly patch?: Partial<Order>
  readonly by?: ActorRef
  /** After-sale rows for D1's after_sales table, delivered with this event's history. */
  readonly afterSales?: readonly AfterSaleRow[]
}

/**
 * The synchronous heart of the order actor: every change is one storage transaction that checks
 * the guard, moves the state, appends the event, queues history and side effects, and re-arms
 * timers. Nothing here awaits, so no other request can interleave.
 */
export function createOrderLedger(
  storage: DurableObjectStorage,
  store: OrderStore,
  durations: () => Durations,
) {
  /** One storage transaction that writes the state row once, however much it changed. */
  const tx = <T>(fn: () => T): T => storage.transactionSync(() => store.stage(fn))

  function eventOf(
    order: Order,
    action: string,
    from: Order['status'] | null,
    input: ActionInput,
    at: number,
    payload: Payload,
  ): OrderEvent {
    const { role, id } = input.by
    return {
      seq: order.version,
      action,
      from,
      to: order.status,
      actorRole: role,
      actorId: id,
      payload,
      at,
    }
  }

  function record(
    event: OrderEvent,
    ledger: readonly LedgerEntry[] = [],
    afterSales: readonly AfterSaleRow[] = [],
  ): void {
    const extra = {
      ...(ledger.length > 0 ? { ledger } : {}),
      ...(afterSales.length > 0 ? { afterSales } : {}),
    }
    // The log is the history outbox: what lies past the delivered pointer goes to D1.
    store.append(event, extra)
  }

  /** The order's timers, keyed by kind; a presale's balance counts from its window's opening. */
  function orderTimers(order: Order, now: number): TimerPlacement<OrderTimerRule> {
    const bases = { balance_starts_at: order.presale?.balanceStartsAt }
    return {
      table: store.timers,
      keyOf: (kind) => timerKey({ owner: 'order', kind }),
      dueAt: (rule) => timerDueAt(rule, now, durations(), bases),
    }
  }

  function queueEffects(order: Order, action: OrderAction, now: number): void {
    for (const kind of effectsOnAction[action] ?? []) {
      for (const task of tasksFor(order, kind)) store.effects.add(task, now)
    }
    const type = queueEventFor(action, order.status)
    if (type) {
      const message = orderMessage(order, type, now)
      store.effects.add({ kind: 'publish', orderId: order.id, userId: order.userId, message }, now)
    }
    // A child tells its parent every move, so the parent can settle the shared coupons and points.
    if (order.parentId) {
      const notify = { parentId: order.parentId, status: order.status, paid: order.amounts.paid }
      store.effects.add(
        { kind: 'notify_parent', orderId: order.id, userId: order.userId, notify },
        now,
      )
    }
  }

  function create(
    input: PlaceOrderInput,
    stock: StockLine[],
    alsoInTx: (order: Order) => void,
    overrides: Partial<Order> = {},
  ): Order {
    const now = Date.now()
    const order = { ...newOrder(input, stock, now), ...overrides }
    const by = { role: 'buyer' as const, id: input.userId }
    const payload = { payable: order.amounts.payable, lines: order.lines.length }
    const event = eventOf(order, 'place', null, { by }, now, payload)
    const initial = { disarm: [], arm: processFor(order.type).timers[order.status] ?? [] }
    commitTransition(tx, orderTimers(order, now), initial, () => {
      store.save(order, input.requestHash)
      record(event)
      alsoInTx(order)
    })
    return order
  }

  function commit(
    order: Order,
    action: OrderAction,
    d: OrderDecision,
    input: ActionInput,
    opts: TransitionExtra & { now: number; spentTimer?: string },
  ): Order {
    const next = applyTransition(order, {
      action,
      to: d.to,
      now: opts.now,
      seq: order.version + 1,
      ...(opts.paidAmount === undefined ? {} : { paidAmount: opts.paidAmount }),
      ...(input.shipment ? { shipment: input.shipment } : {}),
      ...(input.reason ? { reason: input.reason } : {}),
    })
    const withStock = opts.stock ? { ...next, stock: opts.stock } : next
    const settled = opts.payment
      ? { ...withStock, payments: [...(order.payments ?? []), opts.payment] }
      : withStock
    const payload: Payload = {}
    if (opts.paidAmount !== undefined) payload.paid = opts.paidAmount
    if (input.shipment) payload.shipment = { ...input.shipment }
    if (settled.cancelReason && settled.cancelReason !== order.cancelReason)
      payload.reason = settled.cancelReason
    const event = eventOf(settled, action, d.from, input, opts.now, payload)
    commitTransition(tx, orderTimers(settled, opts.now), d, () => {
      store.save(settled, '')
      record(event, opts.ledger)
      opts.alsoInTx?.()
      if (opts.spentTimer) store.timers.clear(opts.spentTimer)
      settleStockHold(store.timers, settled)
      queueEffects(settled, action, opts.now)
    })
    return settled
  }

  function transition(
    order: Order,
    action: OrderAction,
    input: ActionInput,
    extra: TransitionExtra,
  ): { ok: true; order: Order } | Failure {
    const now = Date.now()
    const d = decide(processFor(order.type), order.status, action, input.by.role, order, now)
    if (!d.ok) return fail(d.code, d.message, d.details)
    return { ok: true, order: commit(order, action, d, input, { now, ...extra }) }
  }

  /** A due timer's action; one its state no longer allows (paid before the deadline) is spent. */
  function fire(kind: string, action: OrderAction, now: number): void {
    const current = store.load()
    const d = current
      ? decide(
          processFor(current.order.type),
          current.order.status,
          action,
          'system',
          current.order,
          now,
        )
      : null
    if (!current || !d?.ok) {
      tx(() => store.timers.clear(kind))
      return
    }
    commit(
      current.order,
      action,
      d,
      { by: { role: 'system', id: `timer:${kind}` } },
      { now, spentTimer: kind },
    )
  }

  /**
   * A fact about the order that is not a transition (a stock shortfall, money that did not
   * match). The caller holds the transaction.
   */
  function note(action: string, payload: Payload, opts: NoteOptions = {}): Order | null {
    const current = store.load()
    if (!current) return null
    const now = Date.now()
    const bumped = { ...current.order, version: current.order.version + 1, updatedAt: now }
    const order = { ...bumped, ...opts.patch }
    store.save(order, '')
    const by = { by: opts.by ?? { role: 'system' as const, id: 'effects' } }
    const event = eventOf(order, action, order.status, by, now, payload)
    record(event, opts.ledger, opts.afterSales)
    return order
  }

  /** Queues a side effect; the caller holds the transaction. */
  function queue(task: EffectTask): void {
    store.effects.add(task, Date.now())
  }

  return { create, transition, fire, note, queue }
}

export type OrderLedger = ReturnType<typeof createOrderLedger>

function newOrder(input: PlaceOrderInput, stock: StockLine[], now: number): Order {
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
    ...(input.attributes ? { attributes: input.attributes } : {}),
    ...(input.gifts && input.gifts.length > 0 ? { gifts: input.gifts } : {}),
    presale: draft.presale,
    stock,
    wallet: input.wallet,
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
