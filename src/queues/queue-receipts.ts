/**
 * Event ids the `order-events` consumer has already handled, in D1 (migration 0009). Queues
 * deliver at least once, and the outbox may send an event twice; a receipt makes the second
 * delivery an ack and nothing else. Receipts are written after the work, so a crash in between
 * repeats work that is idempotent by order id instead of losing it.
 */
export interface QueueReceipt {
  readonly eventId: string
  readonly orderId: string
  readonly type: string
  readonly outcome: string
  readonly at: number
}

/** The ids among `eventIds` already handled; one query per batch (at most 100 ids). */
export async function handledIds(
  db: D1Database,
  eventIds: readonly string[],
): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set()
  const marks = eventIds.map((_, i) => `?${i + 1}`).join(', ')
  const { results } = await db
    .prepare(`SELECT event_id FROM queue_receipts WHERE event_id IN (${marks})`)
    .bind(...eventIds)
    .all<{ event_id: string }>()
  return new Set(results.map((r) => r.event_id))
}

export async function recordReceipt(db: D1Database, r: QueueReceipt): Promise<void> {
  await db
    .prepare(
      `INSERT OR IGNORE INTO queue_receipts (event_id, order_id, type, outcome, at)
VALUES (?1, ?2, ?3, ?4, ?5)`,
    )
    .bind(r.eventId, r.orderId, r.type, r.outcome, r.at)
    .run()
}

export async function receiptOf(db: D1Database, eventId: string): Promise<QueueReceipt | null> {
  const row = await db
    .prepare('SELECT event_id, order_id, type, outcome, at FROM queue_receipts WHERE event_id = ?1')
    .bind(eventId)
    .first<{ event_id: string; order_id: string; type: string; outcome: string; at: number }>()
  if (!row) return null
  return {
    eventId: row.event_id,
    orderId: row.order_id,
    type: row.type,
    outcome: row.outcome,
    at: row.at,
  }
}
