import type { Order, OrderEvent } from '../src/domain/order'
import type { HistoryEntry } from '../src/store/history-writer'
import { afterSalesSchema } from './order-after-sales'
import type { EffectTask } from './order-effects'
import { createOutbox, outboxTableSchema } from './outbox'
import type { PlacementPlan } from './placement-saga'
import { createTimers, timersSchema } from './timers'

/**
 * The order actor's own SQLite schema, by version. A version runs once, in order, recorded in
 * schema_migrations, so an actor created under an older build upgrades itself on first wake.
 */
const migrations: readonly (readonly string[])[] = [
  [
    `CREATE TABLE order_doc (
      singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
      doc TEXT NOT NULL,
      request_hash TEXT NOT NULL
    )`,
    `CREATE TABLE events (
      seq INTEGER PRIMARY KEY,
      action TEXT NOT NULL,
      from_status TEXT,
      to_status TEXT NOT NULL,
      actor_role TEXT NOT NULL,
      actor_id TEXT NOT NULL,
      payload TEXT NOT NULL,
      at INTEGER NOT NULL
    )`,
    timersSchema,
    outboxTableSchema('outbox'),
  ],
  [
    // A placement in flight: what it may have taken, so a crash can give it back.
    `CREATE TABLE placement (
      singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
      plan TEXT NOT NULL
    )`,
    outboxTableSchema('effects'),
  ],
  [
    // Provider events already applied: a redelivered webhook changes nothing.
    `CREATE TABLE payment_events (
      event_id TEXT PRIMARY KEY,
      type TEXT NOT NULL,
      outcome TEXT NOT NULL,
      at INTEGER NOT NULL
    )`,
  ],
  afterSalesSchema,
]

/** Whether this actor has ever been written: a read of an unknown order must not create one. */
export function hasOrderStore(sql: SqlStorage): boolean {
  const row = sql
    .exec<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE name = 'schema_migrations'")
    .one()
  return row.n > 0
}

export function migrateOrderStore(sql: SqlStorage): void {
  sql.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)')
  const row = sql
    .exec<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations')
    .one()
  for (let version = (row.v ?? 0) + 1; version <= migrations.length; version++) {
    for (const statement of migrations[version - 1] ?? []) sql.exec(statement)
    sql.exec('INSERT INTO schema_migrations (version) VALUES (?)', version)
  }
}

interface EventRow extends Record<string, SqlStorageValue> {
  seq: number
  action: string
  from_status: string | null
  to_status: string
  actor_role: string
  actor_id: string
  payload: string
  at: number
}

function toEvent(r: EventRow): OrderEvent {
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

/** Row access for one order actor; callers wrap writes in one transactionSync. */
export function createOrderStore(sql: SqlStorage) {
  const timers = createTimers(sql)
  const outbox = createOutbox<HistoryEntry>(sql, 'outbox')
  const effects = createOutbox<EffectTask>(sql, 'effects')

  function placement(): PlacementPlan | null {
    const row = sql.exec<{ plan: string }>('SELECT plan FROM placement').toArray()[0]
    return row ? (JSON.parse(row.plan) as PlacementPlan) : null
  }

  function startPlacement(plan: PlacementPlan): void {
    sql.exec(
      'INSERT OR REPLACE INTO placement (singleton, plan) VALUES (1, ?)',
      JSON.stringify(plan),
    )
  }

  function endPlacement(): void {
    sql.exec('DELETE FROM placement')
  }

  function seenPayment(eventId: string): string | null {
    const row = sql
      .exec<{ outcome: string }>('SELECT outcome FROM payment_events WHERE event_id = ?', eventId)
      .toArray()[0]
    return row?.outcome ?? null
  }

  function markPayment(eventId: string, type: string, outcome: string, at: number): void {
    sql.exec(
      'INSERT INTO payment_events (event_id, type, outcome, at) VALUES (?, ?, ?, ?)',
      eventId,
      type,
      outcome,
      at,
    )
  }

  function load(): { order: Order; requestHash: string } | null {
    const row = sql
      .exec<{ doc: string; request_hash: string }>('SELECT doc, request_hash FROM order_doc')
      .toArray()[0]
    return row ? { order: JSON.parse(row.doc) as Order, requestHash: row.request_hash } : null
  }

  function save(order: Order, requestHash: string): void {
    sql.exec(
      'INSERT INTO order_doc (singleton, doc, request_hash) VALUES (1, ?, ?) ' +
        'ON CONFLICT (singleton) DO UPDATE SET doc = excluded.doc',
      JSON.stringify(order),
      requestHash,
    )
  }

  function append(e: OrderEvent): void {
    sql.exec(
      'INSERT INTO events (seq, action, from_status, to_status, actor_role, actor_id, payload, at) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      e.seq,
      e.action,
      e.from,
      e.to,
      e.actorRole,
      e.actorId,
      JSON.stringify(e.payload),
      e.at,
    )
  }

  function events(): OrderEvent[] {
    return sql.exec<EventRow>('SELECT * FROM events ORDER BY seq').toArray().map(toEvent)
  }

  /** The earliest moment the alarm must wake: a timer, or an undelivered outbox row. */
  function nextWake(): number | null {
    const candidates = [timers.earliest(), outbox.nextAttemptAt(), effects.nextAttemptAt()].filter(
      (t): t is number => t !== null,
    )
    return candidates.length === 0 ? null : Math.min(...candidates)
  }

  return {
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
