/**
 * Transactional outbox: rows written in the same storage transaction as the state change they
 * describe, delivered after it, deleted only once the receiver acknowledged them. A row that
 * could not be delivered waits with exponential backoff; the alarm retries it.
 */
export const outboxSchema = `CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL
)`

/** How long a fresh row waits before the alarm delivers it, should the immediate flush not run. */
export const deliveryGraceMs = 5_000
const maxBackoffMs = 10 * 60_000

export function backoffMs(attempts: number): number {
  return Math.min(maxBackoffMs, deliveryGraceMs * 2 ** Math.max(0, attempts - 1))
}

export interface OutboxRow<T> {
  readonly id: number
  readonly payload: T
  readonly attempts: number
}

export function createOutbox<T>(sql: SqlStorage) {
  function add(payload: T, now: number): void {
    sql.exec(
      'INSERT INTO outbox (payload, next_attempt_at) VALUES (?, ?)',
      JSON.stringify(payload),
      now + deliveryGraceMs,
    )
  }

  function pending(limit: number): OutboxRow<T>[] {
    return sql
      .exec<{ id: number; payload: string; attempts: number }>(
        'SELECT id, payload, attempts FROM outbox ORDER BY id LIMIT ?',
        limit,
      )
      .toArray()
      .map((r) => ({ id: r.id, payload: JSON.parse(r.payload) as T, attempts: r.attempts }))
  }

  function ack(upToId: number): void {
    sql.exec('DELETE FROM outbox WHERE id <= ?', upToId)
  }

  function failed(upToId: number, now: number): void {
    const row = sql
      .exec<{ attempts: number }>(
        'SELECT max(attempts) AS attempts FROM outbox WHERE id <= ?',
        upToId,
      )
      .one()
    const attempts = (row.attempts ?? 0) + 1
    sql.exec(
      'UPDATE outbox SET attempts = ?, next_attempt_at = ? WHERE id <= ?',
      attempts,
      now + backoffMs(attempts),
      upToId,
    )
  }

  function nextAttemptAt(): number | null {
    return sql.exec<{ at: number | null }>('SELECT min(next_attempt_at) AS at FROM outbox').one().at
  }

  function size(): number {
    return sql.exec<{ n: number }>('SELECT count(*) AS n FROM outbox').one().n
  }

  return { add, pending, ack, failed, nextAttemptAt, size }
}
