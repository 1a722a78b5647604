import { backoff } from '../../src/domain/backoff'

/**
 * Transactional outbox: rows written in the same storage transaction as the state change they
 * describe, delivered after it, deleted only once the receiver acknowledged them. A row that
 * could not be delivered waits with exponential backoff; the alarm retries it.
 */
export function outboxTableSchema(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL
)`
}

export const outboxSchema = outboxTableSchema('outbox')

/** How long a fresh row waits before the alarm delivers it, should the immediate flush not run. */
export const deliveryGraceMs = 5_000
// History should trail an overloaded D1 by a minute or two, not by ten.
const maxBackoffMs = 2 * 60_000

export function backoffMs(attempts: number): number {
  return backoff(attempts, deliveryGraceMs, maxBackoffMs)
}

export interface OutboxRow<T> {
  readonly id: number
  readonly payload: T
  readonly attempts: number
}

/** `table` is a trusted constant of the caller's schema, never input. */
export function createOutbox<T>(sql: SqlStorage, table = 'outbox') {
  function add(payload: T, now: number): void {
    sql.exec(
      `INSERT INTO ${table} (payload, next_attempt_at) VALUES (?, ?)`,
      JSON.stringify(payload),
      now + deliveryGraceMs,
    )
  }

  function pending(limit: number): OutboxRow<T>[] {
    return sql
      .exec<{ id: number; payload: string; attempts: number }>(
        `SELECT id, payload, attempts FROM ${table} ORDER BY id LIMIT ?`,
        limit,
      )
      .toArray()
      .map((r) => ({ id: r.id, payload: JSON.parse(r.payload) as T, attempts: r.attempts }))
  }

  function ack(upToId: number): void {
    sql.exec(`DELETE FROM ${table} WHERE id <= ?`, upToId)
  }

  function failed(upToId: number, now: number): void {
    const row = sql
      .exec<{ attempts: number }>(
        `SELECT max(attempts) AS attempts FROM ${table} WHERE id <= ?`,
        upToId,
      )
      .one()
    const attempts = (row.attempts ?? 0) + 1
    sql.exec(
      `UPDATE ${table} SET attempts = ?, next_attempt_at = ? WHERE id <= ?`,
      attempts,
      now + backoffMs(attempts),
      upToId,
    )
  }

  /** Rows never tried, and failed rows whose backoff has passed; for one-by-one side effects. */
  function due(now: number, limit: number): OutboxRow<T>[] {
    return sql
      .exec<{ id: number; payload: string; attempts: number }>(
        `SELECT id, payload, attempts FROM ${table} WHERE attempts = 0 OR next_attempt_at <= ? ORDER BY id LIMIT ?`,
        now,
        limit,
      )
      .toArray()
      .map((r) => ({ id: r.id, payload: JSON.parse(r.payload) as T, attempts: r.attempts }))
  }

  function done(id: number): void {
    sql.exec(`DELETE FROM ${table} WHERE id = ?`, id)
  }

  function retryLater(id: number, attempts: number, now: number): void {
    sql.exec(
      `UPDATE ${table} SET attempts = ?, next_attempt_at = ? WHERE id = ?`,
      attempts + 1,
      now + backoffMs(attempts + 1),
      id,
    )
  }

  function nextAttemptAt(): number | null {
    return sql.exec<{ at: number | null }>(`SELECT min(next_attempt_at) AS at FROM ${table}`).one()
      .at
  }

  function size(): number {
    return sql.exec<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).one().n
  }

  return { add, pending, ack, failed, due, done, retryLater, nextAttemptAt, size }
}

export type Outbox<T> = ReturnType<typeof createOutbox<T>>
