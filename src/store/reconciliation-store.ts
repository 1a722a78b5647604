import type { Mismatch, MismatchKind } from '../domain/reconciliation'
import { chunks } from './reports-sql'

/**
 * Reconciliation runs and the mismatches they find. A mismatch row is keyed by what it is about,
 * so a run that finds it again updates it; a run whose range covers it and no longer finds it
 * closes it as resolved. Healed rows stay healed unless a later run finds them again.
 */

export type RunTrigger = 'cron' | 'manual'
export type MismatchStatus = 'open' | 'healed' | 'resolved'

export interface RunCounts {
  statementRows: number
  ledgerRows: number
  ordersChecked: number
  found: number
  healed: number
  resolved: number
}

export interface RecordedMismatch {
  readonly mismatch: Mismatch
  readonly status: 'open' | 'healed'
  readonly healOutcome: string | null
}

export interface MismatchRow {
  id: string
  kind: MismatchKind
  status: MismatchStatus
  order_id: string
  payment_id: string | null
  refund_id: string | null
  currency: string | null
  expected_amount: number | null
  actual_amount: number | null
  detail: string
  anchor_at: number
  first_seen_at: number
  last_seen_at: number
  last_run_id: string
  heal_outcome: string | null
}

export function startRun(
  db: D1Database,
  run: { id: string; trigger: RunTrigger; from: number; to: number; now: number },
) {
  return db
    .prepare(`INSERT INTO reconciliation_runs (id, trigger, range_from, range_to, status, started_at)
VALUES (?1, ?2, ?3, ?4, 'running', ?5)`)
    .bind(run.id, run.trigger, run.from, run.to, run.now)
    .run()
}

export function finishRun(db: D1Database, id: string, c: RunCounts, now: number) {
  return db
    .prepare(`UPDATE reconciliation_runs SET status = 'succeeded', statement_rows = ?2,
  ledger_rows = ?3, orders_checked = ?4, found = ?5, healed = ?6, resolved = ?7, finished_at = ?8
WHERE id = ?1`)
    .bind(id, c.statementRows, c.ledgerRows, c.ordersChecked, c.found, c.healed, c.resolved, now)
    .run()
}

export function failRun(db: D1Database, id: string, error: string, now: number) {
  return db
    .prepare(`UPDATE reconciliation_runs SET status = 'failed', error = ?2, finished_at = ?3
WHERE id = ?1`)
    .bind(id, error.slice(0, 500), now)
    .run()
}

const upsertSql = `INSERT INTO reconciliation_mismatches (id, kind, status, order_id, payment_id,
  refund_id, currency, expected_amount, actual_amount, detail, anchor_at, first_run_id,
  last_run_id, first_seen_at, last_seen_at, heal_outcome, closed_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13, ?13, ?14, ?15)
ON CONFLICT (id) DO UPDATE SET status = excluded.status, currency = excluded.currency,
  expected_amount = excluded.expected_amount, actual_amount = excluded.actual_amount,
  detail = excluded.detail, anchor_at = excluded.anchor_at, last_run_id = excluded.last_run_id,
  last_seen_at = excluded.last_seen_at,
  heal_outcome = COALESCE(excluded.heal_outcome, reconciliation_mismatches.heal_outcome),
  closed_at = excluded.closed_at`

export async function recordMismatches(
  db: D1Database,
  runId: string,
  found: readonly RecordedMismatch[],
  now: number,
): Promise<void> {
  const statements = found.map(({ mismatch: m, status, healOutcome }) =>
    db
      .prepare(upsertSql)
      .bind(
        m.key,
        m.kind,
        status,
        m.orderId,
        m.paymentId,
        m.refundId,
        m.currency,
        m.expected,
        m.actual,
        m.detail,
        m.anchorAt,
        runId,
        now,
        healOutcome,
        status === 'healed' ? now : null,
      ),
  )
  for (const group of chunks(statements, 50)) await db.batch(group)
}

/** Closes the open mismatches of the range that this run did not find again. */
export async function resolveUnseen(
  db: D1Database,
  runId: string,
  range: { from: number; to: number },
  now: number,
): Promise<number> {
  const result = await db
    .prepare(`UPDATE reconciliation_mismatches SET status = 'resolved', closed_at = ?4
WHERE status = 'open' AND anchor_at >= ?2 AND anchor_at < ?3 AND last_run_id <> ?1`)
    .bind(runId, range.from, range.to, now)
    .run()
  return result.meta.changes ?? 0
}

export const openMismatchesSql = `SELECT id, kind, status, order_id, payment_id, refund_id,
  currency, expected_amount, actual_amount, detail, anchor_at, first_seen_at, last_seen_at,
  last_run_id, heal_outcome
FROM reconciliation_mismatches WHERE status = 'open' AND anchor_at >= ?1 AND anchor_at < ?2
ORDER BY anchor_at DESC, id DESC LIMIT ?3`

/** Open mismatches of a range, newest first. */
export async function openMismatches(
  db: D1Database,
  range: { from: number; to: number },
  limit: number,
): Promise<MismatchRow[]> {
  const { results } = await db
    .prepare(openMismatchesSql)
    .bind(range.from, range.to, limit)
    .all<MismatchRow>()
  return results
}

export interface RunRow {
  id: string
  trigger: RunTrigger
  range_from: number
  range_to: number
  status: 'running' | 'succeeded' | 'failed'
  found: number
  healed: number
  resolved: number
  started_at: number
  finished_at: number | null
}

export async function latestRun(db: D1Database): Promise<RunRow | null> {
  return db
    .prepare(`SELECT id, trigger, range_from, range_to, status, found, healed, resolved,
  started_at, finished_at FROM reconciliation_runs ORDER BY started_at DESC, id DESC LIMIT 1`)
    .first<RunRow>()
}

/** How many mismatches of each kind are open in a range, beyond any page limit. */
export async function openCounts(
  db: D1Database,
  range: { from: number; to: number },
): Promise<Record<string, number>> {
  const { results } = await db
    .prepare(`SELECT kind, COUNT(*) AS n FROM reconciliation_mismatches
WHERE status = 'open' AND anchor_at >= ?1 AND anchor_at < ?2 GROUP BY kind`)
    .bind(range.from, range.to)
    .all<{ kind: string; n: number }>()
  return Object.fromEntries(results.map((r) => [r.kind, r.n]))
}
