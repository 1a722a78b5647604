import type { Order, OrderEvent } from '../../src/domain/order'
import type { HistoryEntry } from '../../src/store/history-writer'
import type { Wake } from '../shared/alarm-sync'
import { tableExists } from '../shared/migrator'
import { backoffMs, deliveryGraceMs, type OutboxRow } from '../shared/outbox'
import { createTimers } from '../shared/timers'
import type { EffectTask } from './effects'
import type { PlacementPlan } from './placement/saga'
import { createStateRow, type StateRow } from './state'
import { upgradeLegacyStore } from './store-legacy'

/** Whether this actor has ever been written: a read of an unknown order must not create one. */
export function hasOrderStore(sql: SqlStorage): boolean {
  return tableExists(sql, 'order_state') || tableExists(sql, 'schema_migrations')
}

/**
 * Brings an actor written by an older build to the current layout. A new actor needs nothing:
 * its two tables are created by its first write, so a read or a refusal writes nothing.
 */
export function migrateOrderStore(sql: SqlStorage): void {
  if (tableExists(sql, 'schema_migrations')) upgradeLegacyStore(sql)
}

interface LogRow extends Record<string, SqlStorageValue> {
  seq: number
  action: string
  from_status: string | null
  to_status: string
  actor_role: string
  actor_id: string
  payload: string
  at: number
  extra: string | null
}

/** What an event carries to D1 besides itself: money moved and after-sales changed. */
export type HistoryExtra = Pick<HistoryEntry, 'ledger' | 'afterSales'>

function toEvent(r: LogRow): OrderEvent {
  return {
    seq: r.seq,
    action: r.action,
    from: r.from_status as OrderEvent['from'],
    to: r.to_status as OrderEvent['to'],
    actorRole: r.actor_role as OrderEvent['actorRole'],
    actorId: r.actor_id,
    payload: JSON.parse(r.payload) as OrderEvent['payload'],
    at: r.at,
  }
}

/**
 * Row access for one order actor: the state row (order document, timers, effects, placement,
 * applied payment events, history pointer) and the event log. Callers wrap writes in one
 * transactionSync; inside `stage` the state row is written once, however much changed.
 */
export function createOrderStore(sql: SqlStorage) {
  // How far history is known delivered in this instance; persisted with the next state write,
  // since delivering an event twice changes nothing in D1.
  let delivered = 0
  let deliveredRow: string | null = null
  const state = createStateRow(sql, (row) => {
    if (row.meta.flushed >= delivered) return row
    return { ...row, meta: { ...row.meta, flushed: delivered, d1Row: deliveredRow } }
  })
  const timers = createTimers(state)
  const flushedUpTo = () => Math.max(delivered, state.meta().flushed)

  function load(): { order: Order; requestHash: string } | null {
    const row = state.current()
    return row?.doc ? { order: row.doc, requestHash: row.requestHash } : null
  }

  function save(order: Order, requestHash: string): void {
    state.change((row: StateRow) => ({
      ...row,
      doc: order,
      requestHash: row.doc === null ? requestHash : row.requestHash,
    }))
  }

  function append(e: OrderEvent, extra: HistoryExtra = {}): void {
    state.ensure()
    const more = extra.ledger || extra.afterSales ? JSON.stringify(extra) : null
    sql.exec(
      'INSERT INTO order_log (seq, action, from_status, to_status, actor_role, actor_id, payload, at, extra) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      e.seq,
      e.action,
      e.from,
      e.to,
      e.actorRole,
      e.actorId,
      JSON.stringify(e.payload),
      e.at,
      more,
    )
  }

  function logAfter(seq: number, limit: number): LogRow[] {
    if (!state.exists()) return []
    return sql
      .exec<LogRow>('SELECT * FROM order_log WHERE seq > ? ORDER BY seq LIMIT ?', seq, limit)
      .toArray()
  }

  function events(): OrderEvent[] {
    return logAfter(0, Number.MAX_SAFE_INTEGER).map(toEvent)
  }

  /** The history outbox is the log past the delivered pointer, with the current snapshot. */
  const outbox = {
    pending(limit: number): OutboxRow<HistoryEntry>[] {
      const order = load()?.order
      if (!order) return []
      const attempts = state.meta().historyAttempts
      return logAfter(flushedUpTo(), limit).map((r) => {
        const extra = r.extra ? (JSON.parse(r.extra) as HistoryExtra) : {}
        const entry = { order, event: toEvent(r), withLines: r.seq === 1, ...extra }
        return { id: r.seq, payload: entry, attempts }
      })
    },
    /** What D1's orders row holds, as far as this actor knows (null: unknown). */
    deliveredRow(): string | null {
      return deliveredRow ?? (delivered > 0 ? null : (state.meta().d1Row ?? null))
    },
    ack(upToSeq: number, rowKey: string | null = null): void {
      if (upToSeq > delivered) deliveredRow = rowKey
      delivered = Math.max(delivered, upToSeq)
      if (state.meta().historyAttempts > 0)
        state.changeMeta(() => ({ historyAttempts: 0, historyRetryAt: null }))
    },
    failed(_upToSeq: number, now: number): void {
      state.changeMeta((m) => ({
        historyAttempts: m.historyAttempts + 1,
        historyRetryAt: now + backoffMs(m.historyAttempts + 1),
      }))
    },
    size(): number {
      if (!state.exists()) return 0
      return sql
        .exec<{ n: number }>('SELECT count(*) AS n FROM order_log WHERE seq > ?', flushedUpTo())
        .one().n
    },
  }

  const effects = {
    add(payload: EffectTask, now: number): void {
      state.changeMeta((m) => ({
        effects: [...m.effects, { id: m.nextEffectId, payload, attempts: 0, next: now }],
        nextEffectId: m.nextEffectId + 1,
      }))
    },
    due(now: number, limit: number): OutboxRow<EffectTask>[] {
      return state
        .meta()
        .effects.filter((e) => e.attempts === 0 || e.next <= now)
        .slice(0, limit)
        .map((e) => ({ id: e.id, payload: e.payload, attempts: e.attempts }))
    },
    done(id: number): void {
      state.changeMeta((m) => ({ effects: m.effects.filter((e) => e.id !== id) }))
    },
    retryLater(id: number, attempts: number, now: number): void {
      const next = now + backoffMs(attempts + 1)
      state.changeMeta((m) => ({
        effects: m.effects.map((e) => (e.id === id ? { ...e, attempts: attempts + 1, next } : e)),
      }))
    },
    size: (): number => state.meta().effects.length,
  }

  function placement(): PlacementPlan | null {
    return state.meta().placement
  }

  function startPlacement(plan: PlacementPlan): void {
    state.changeMeta(() => ({ placement: plan }))
  }

  function endPlacement(): void {
    if (state.meta().placement) state.changeMeta(() => ({ placement: null }))
  }

  function seenPayment(eventId: string): string | null {
    return state.meta().payments[eventId]?.outcome ?? null
  }

  function markPayment(eventId: string, type: string, outcome: string, at: number): void {
    state.changeMeta((m) => ({ payments: { ...m.payments, [eventId]: { type, outcome, at } } }))
  }

  /**
   * When the alarm must next wake: the earliest timer or retry, exactly. Work not yet done (history
   * not delivered, effects not run) is normally finished by the request that made it; if no timer
   * would wake the actor should that be lost, a wake soon after is needed, and any earlier one serves.
   */
  function nextWake(now = Date.now()): Wake | null {
    const m = state.meta()
    const timer = timers.earliest()
    const exact = [
      timer,
      m.historyRetryAt,
      ...m.effects.filter((e) => e.attempts > 0).map((e) => e.next),
    ].filter((t): t is number => t !== null)
    const at = exact.length > 0 ? Math.min(...exact) : null
    const undelivered = m.historyAttempts === 0 && outbox.size() > 0
    const open = m.effects.some((e) => e.attempts === 0) || undelivered
    const soon = now + deliveryGraceMs
    if (open && timer === null && (at === null || soon < at)) return { at: soon, orEarlier: true }
    return at === null ? null : { at, orEarlier: false }
  }

  /** What this order keeps: bytes of its state row and its log, and the SQLite file's size. */
  function footprint(): { stateBytes: number; logBytes: number; events: number } {
    if (!state.exists()) return { stateBytes: 0, logBytes: 0, events: 0 }
    const s = sql
      .exec<{ n: number }>(
        "SELECT coalesce(sum(length(request_hash) + length(coalesce(doc, '')) + length(meta)), 0) AS n FROM order_state",
      )
      .one().n
    const log = sql
      .exec<{ n: number; events: number }>(
        `SELECT coalesce(sum(8 + length(action) + length(coalesce(from_status, '')) + length(to_status) +
          length(actor_role) + length(actor_id) + length(payload) + 8 + length(coalesce(extra, ''))), 0) AS n,
          count(*) AS events FROM order_log`,
      )
      .one()
    return { stateBytes: s, logBytes: log.n, events: log.events }
  }

  return {
    state,
    stage: state.stage,
    footprint,
    load,
    save,
    append,
    events,
    nextWake,
    timers,
    outbox,
    effects,
    placement,
    startPlacement,
    endPlacement,
    seenPayment,
    markPayment,
  }
}

export type OrderStore = ReturnType<typeof createOrderStore>

/** The actor's storage with every transactionSync staged: the state row is written once in it. */
export function stagedStorage(
  storage: DurableObjectStorage,
  store: OrderStore,
): DurableObjectStorage {
  const transactionSync = <T>(fn: () => T): T => storage.transactionSync(() => store.stage(fn))
  return new Proxy(storage, {
    get(target, prop) {
      if (prop === 'transactionSync') return transactionSync
      const v = Reflect.get(target, prop, target)
      return typeof v === 'function' ? v.bind(target) : v
    },
  })
}
