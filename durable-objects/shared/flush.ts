import { commitTogether } from './d1-group-commit'

/** A batch of outbox rows ready for D1, however the actor keeps them. */
export interface FlushSource<R> {
  pending(limit: number): R[]
  size(): number
}

const flushBatch = 50

/**
 * The one way an actor delivers its outbox to D1: the oldest rows in one transaction, shared with
 * the other actors flushing at the same moment, acknowledged when D1 answers; on failure the rows
 * stay queued and `failed` sets their retry. The caller then points the alarm at its next wake.
 */
export async function flushToD1<R extends { readonly id: number }>(
  db: D1Database,
  source: FlushSource<R>,
  deliver: {
    statements(rows: readonly R[]): D1PreparedStatement[]
    ack(last: R): void
    failed(last: R, now: number): void
  },
): Promise<{ flushed: number; pending: number }> {
  const rows = source.pending(flushBatch)
  const last = rows.at(-1)
  if (!last) return { flushed: 0, pending: 0 }
  let flushed = 0
  try {
    await commitTogether(db, deliver.statements(rows))
    deliver.ack(last)
    flushed = rows.length
  } catch {
    deliver.failed(last, Date.now())
  }
  return { flushed, pending: source.size() }
}
