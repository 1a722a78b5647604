import type { Delivery, Subscription } from '../../src/domain/subscription/types'
import { migrateSubscriptionSchema, subscriptionSchemaExists } from './schema'

export type TimerKind = 'renewal' | 'projection'

/**
 * A change is sent to D1 right after its commit; the projection timer, written with the change,
 * is the promise that the alarm sends it should that not happen.
 */
const projectionGraceMs = 5_000

type Row = {
  id: string
  request_hash: string
  snapshot: string
  version: number
  projected_version: number
  renewing: string | null
}

export interface Stored {
  readonly sub: Subscription
  readonly requestHash: string
  readonly projectedVersion: number
  /** The key of the renewal being placed and paid right now, if one is. */
  readonly renewing: string | null
}

/** The actor's tables; every write is meant to run inside the caller's storage transaction. */
export function createSubscriptionStore(sql: SqlStorage) {
  let ready = subscriptionSchemaExists(sql)

  /** Creates the tables on the first write; the caller holds the transaction. */
  function ensureSchema(): void {
    if (ready) return
    migrateSubscriptionSchema(sql)
    ready = true
  }

  function load(): Stored | null {
    if (!ready) return null
    const row = sql.exec<Row>('SELECT * FROM subscription LIMIT 1').toArray()[0]
    if (!row) return null
    return {
      sub: JSON.parse(row.snapshot) as Subscription,
      requestHash: row.request_hash,
      projectedVersion: row.projected_version,
      renewing: row.renewing,
    }
  }

  function insert(sub: Subscription, requestHash: string): void {
    ensureSchema()
    sql.exec(
      'INSERT INTO subscription (id, request_hash, snapshot, version) VALUES (?, ?, ?, ?)',
      sub.id,
      requestHash,
      JSON.stringify(sub),
      sub.version,
    )
    syncTimers(sub)
  }

  /** Saves the snapshot, points the renewal timer at its next due time, owes D1 the change. */
  function save(sub: Subscription, renewing: string | null): void {
    sql.exec(
      'UPDATE subscription SET snapshot = ?, version = ?, renewing = ? WHERE id = ?',
      JSON.stringify(sub),
      sub.version,
      renewing,
      sub.id,
    )
    syncTimers(sub)
  }

  function setRenewing(id: string, renewing: string | null): void {
    sql.exec('UPDATE subscription SET renewing = ? WHERE id = ?', renewing, id)
  }

  function projected(id: string, version: number): void {
    sql.exec(
      'UPDATE subscription SET projected_version = MAX(projected_version, ?) WHERE id = ?',
      version,
      id,
    )
  }

  function syncTimers(sub: Subscription): void {
    if (sub.nextDueAt === null) clearTimer('renewal')
    else setTimer('renewal', sub.nextDueAt)
    setTimer('projection', sub.updatedAt + projectionGraceMs)
  }

  function setTimer(kind: TimerKind, dueAt: number): void {
    sql.exec(
      'INSERT INTO timers (kind, due_at) VALUES (?, ?) ON CONFLICT (kind) DO UPDATE SET due_at = excluded.due_at WHERE due_at != excluded.due_at',
      kind,
      dueAt,
    )
  }

  function clearTimer(kind: TimerKind): void {
    sql.exec('DELETE FROM timers WHERE kind = ?', kind)
  }

  function timer(kind: TimerKind): number | null {
    if (!ready) return null
    const row = sql.exec<{ due_at: number }>('SELECT due_at FROM timers WHERE kind = ?', kind)
    return row.toArray()[0]?.due_at ?? null
  }

  function earliestTimer(): number | null {
    if (!ready) return null
    return sql.exec<{ at: number | null }>('SELECT MIN(due_at) AS at FROM timers').one().at
  }

  /** Idempotent per slot: a renewal recorded twice is one delivery. */
  function addDelivery(d: Delivery): void {
    sql.exec(
      'INSERT OR IGNORE INTO deliveries (slot, cycle, order_id, amount, currency, at) VALUES (?, ?, ?, ?, ?, ?)',
      d.slot,
      d.cycle,
      d.orderId,
      d.amount,
      d.currency,
      d.at,
    )
  }

  function deliveries(): Delivery[] {
    if (!ready) return []
    return sql
      .exec<{
        slot: number
        cycle: number
        order_id: string
        amount: number
        currency: string
        at: number
      }>(
        'SELECT slot, cycle, order_id, amount, currency, at FROM deliveries ORDER BY cycle DESC LIMIT 100',
      )
      .toArray()
      .reverse()
      .map((r) => ({
        slot: r.slot,
        cycle: r.cycle,
        orderId: r.order_id,
        amount: r.amount,
        currency: r.currency,
        at: r.at,
      }))
  }

  return {
    load,
    insert,
    save,
    setRenewing,
    projected,
    setTimer,
    clearTimer,
    timer,
    earliestTimer,
    addDelivery,
    deliveries,
  }
}

export type SubscriptionStore = ReturnType<typeof createSubscriptionStore>
