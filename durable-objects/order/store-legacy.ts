import type { HistoryEntry } from '../../src/store/history-writer'
import { tableExists } from '../shared/migrator'
import type { EffectTask } from './effects'
import type { PlacementPlan } from './placement/saga'
import { type ActorMeta, orderSchema, type StoredEffect, stateLayout } from './state'

/**
 * Actors written before the two-table layout kept a table per concern and a migration table.
 * This moves one such actor, in the caller's transaction, to the current layout: the same
 * order, events, timers, effects and applied payment events, with undelivered history still
 * undelivered; then drops the old tables. After-sale records keep their own table.
 */
const legacyTables = [
  'order_doc',
  'events',
  'timers',
  'outbox',
  'placement',
  'effects',
  'payment_events',
  'schema_migrations',
]

function rows<T extends Record<string, SqlStorageValue>>(
  sql: SqlStorage,
  table: string,
  query: string,
): T[] {
  return tableExists(sql, table) ? sql.exec<T>(query).toArray() : []
}

function legacyMeta(sql: SqlStorage): { meta: ActorMeta; pending: HistoryEntry[] } {
  const timers = Object.fromEntries(
    rows<{ kind: string; due_at: number; action: string }>(
      sql,
      'timers',
      'SELECT * FROM timers',
    ).map((t) => [t.kind, { dueAt: t.due_at, action: t.action }]),
  )
  const plan = rows<{ plan: string }>(sql, 'placement', 'SELECT plan FROM placement')[0]
  const payments = Object.fromEntries(
    rows<{ event_id: string; type: string; outcome: string; at: number }>(
      sql,
      'payment_events',
      'SELECT * FROM payment_events',
    ).map((p) => [p.event_id, { type: p.type, outcome: p.outcome, at: p.at }]),
  )
  const effects: StoredEffect[] = rows<{
    payload: string
    attempts: number
    next_attempt_at: number
  }>(sql, 'effects', 'SELECT payload, attempts, next_attempt_at FROM effects ORDER BY id').map(
    (e, i) => ({
      id: i + 1,
      payload: JSON.parse(e.payload) as EffectTask,
      attempts: e.attempts,
      next: e.next_attempt_at,
    }),
  )
  const pending = rows<{ payload: string }>(
    sql,
    'outbox',
    'SELECT payload FROM outbox ORDER BY id',
  ).map((r) => JSON.parse(r.payload) as HistoryEntry)
  const last =
    rows<{ seq: number | null }>(sql, 'events', 'SELECT max(seq) AS seq FROM events')[0]?.seq ?? 0
  const firstPending = pending.length > 0 ? Math.min(...pending.map((p) => p.event.seq)) : last + 1
  const meta: ActorMeta = {
    timers,
    effects,
    nextEffectId: effects.length + 1,
    placement: plan ? (JSON.parse(plan.plan) as PlacementPlan) : null,
    payments,
    flushed: firstPending - 1,
    historyAttempts: 0,
    historyRetryAt: null,
  }
  return { meta, pending }
}

export function upgradeLegacyStore(sql: SqlStorage): void {
  const { meta, pending } = legacyMeta(sql)
  const doc = rows<{ doc: string; request_hash: string }>(
    sql,
    'order_doc',
    'SELECT * FROM order_doc',
  )[0]
  for (const statement of orderSchema.create) sql.exec(statement)
  sql.exec(
    'INSERT INTO order_state (id, layout, request_hash, doc, meta) VALUES (1, ?, ?, ?, ?)',
    stateLayout,
    doc?.request_hash ?? meta.placement?.requestHash ?? '',
    doc?.doc ?? null,
    JSON.stringify(meta),
  )
  if (tableExists(sql, 'events')) {
    sql.exec(
      'INSERT INTO order_log (seq, action, from_status, to_status, actor_role, actor_id, payload, at) ' +
        'SELECT seq, action, from_status, to_status, actor_role, actor_id, payload, at FROM events',
    )
  }
  for (const entry of pending) {
    if (!entry.ledger && !entry.afterSales) continue
    const extra = JSON.stringify({ ledger: entry.ledger, afterSales: entry.afterSales })
    sql.exec('UPDATE order_log SET extra = ? WHERE seq = ?', extra, entry.event.seq)
  }
  for (const table of legacyTables) sql.exec(`DROP TABLE IF EXISTS ${table}`)
}
