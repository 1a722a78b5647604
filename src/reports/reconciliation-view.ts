import type { Money } from '../domain/money'
import {
  latestRun,
  type MismatchRow,
  openCounts,
  openMismatches,
  type RecordedMismatch,
  type RunRow,
} from '../store/reconciliation-store'
import { money } from './money'

const iso = (ms: number) => new Date(ms).toISOString()

function amountOf(amount: number | null, currency: string | null): Money | null {
  return amount === null || currency === null ? null : money(amount, currency)
}

export function mismatchRowView(r: MismatchRow) {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    orderId: r.order_id,
    paymentId: r.payment_id,
    refundId: r.refund_id,
    expected: amountOf(r.expected_amount, r.currency),
    actual: amountOf(r.actual_amount, r.currency),
    detail: r.detail,
    at: iso(r.anchor_at),
    healOutcome: r.heal_outcome,
  }
}

/** A mismatch as a run just recorded it. */
export function recordedView({ mismatch: m, status, healOutcome }: RecordedMismatch) {
  return {
    id: m.key,
    kind: m.kind,
    status,
    orderId: m.orderId,
    paymentId: m.paymentId,
    refundId: m.refundId,
    expected: money(m.expected, m.currency),
    actual: money(m.actual, m.currency),
    detail: m.detail,
    at: iso(m.anchorAt),
    healOutcome,
  }
}

export function runView(r: RunRow) {
  return {
    id: r.id,
    trigger: r.trigger,
    from: iso(r.range_from),
    to: iso(r.range_to),
    status: r.status,
    found: r.found,
    healed: r.healed,
    resolved: r.resolved,
    startedAt: iso(r.started_at),
    finishedAt: r.finished_at === null ? null : iso(r.finished_at),
  }
}

/** Open mismatches anchored in the range, counted by kind, and the latest run. */
export async function reconciliationReport(
  db: D1Database,
  range: { from: number; to: number },
  limit: number,
) {
  const [rows, byKind, last] = await Promise.all([
    openMismatches(db, range, limit),
    openCounts(db, range),
    latestRun(db),
  ])
  return { byKind, open: rows.map(mismatchRowView), lastRun: last ? runView(last) : null }
}
