import type { LedgerEntry } from '../domain/ledger-entry'

/**
 * Held payments in D1: money that did not match what its order owed, listed for admins until it
 * is refunded or accepted. The rows follow the payments ledger through the same outbox batch, so
 * they need no writer of their own and a redelivered batch changes nothing.
 */

export type HeldRowStatus = 'held' | 'refunded' | 'accepted'

export interface HeldRow {
  readonly orderId: string
  readonly paymentId: string
  readonly parentOrderId: string | null
  readonly sessionId: string | null
  readonly amount: number
  readonly currency: string
  readonly expected: number
  readonly status: HeldRowStatus
  readonly heldAt: number
  readonly settledAt: number | null
}

const insertSql = `INSERT OR IGNORE INTO held_payments (order_id, payment_id, parent_order_id,
  session_id, amount, currency, expected, status, held_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,
  'held', ?8)`

// Only a held row moves, once: a repeated or late settlement is a no-op.
const settleSql = `UPDATE held_payments SET status = ?3, settled_at = ?4
WHERE order_id = ?1 AND payment_id = ?2 AND status = 'held'`

/** The held-payment statements a ledger entry implies: none for most entries. */
export function heldStatements(db: D1Database, entry: LedgerEntry): D1PreparedStatement[] {
  const out: D1PreparedStatement[] = []
  if (entry.kind === 'payment_mismatch' && entry.held) {
    const { orderId, providerRef, parentOrderId, sessionId, amount, currency, at } = entry
    const values = [orderId, providerRef, parentOrderId, sessionId, amount, currency]
    out.push(db.prepare(insertSql).bind(...values, entry.held.expected, at))
  }
  if (entry.settles) {
    const { paymentId, as } = entry.settles
    out.push(db.prepare(settleSql).bind(entry.orderId, paymentId, as, entry.at))
  }
  return out
}

interface HeldDbRow {
  order_id: string
  payment_id: string
  parent_order_id: string | null
  session_id: string | null
  amount: number
  currency: string
  expected: number
  status: HeldRowStatus
  held_at: number
  settled_at: number | null
}

const columns = `order_id, payment_id, parent_order_id, session_id, amount, currency, expected,
  status, held_at, settled_at`

function toRow(r: HeldDbRow): HeldRow {
  return {
    orderId: r.order_id,
    paymentId: r.payment_id,
    parentOrderId: r.parent_order_id,
    sessionId: r.session_id,
    amount: r.amount,
    currency: r.currency,
    expected: r.expected,
    status: r.status,
    heldAt: r.held_at,
    settledAt: r.settled_at,
  }
}

export interface HeldPage {
  readonly status: HeldRowStatus
  /** Only rows held before this epoch millisecond (the reconciliation's age cut-off). */
  readonly before?: number
  readonly after?: { readonly heldAt: number; readonly paymentId: string }
  readonly limit: number
}

const pageSql = `SELECT ${columns} FROM held_payments
WHERE status = ?1 AND held_at < ?2 AND (held_at > ?3 OR (held_at = ?3 AND payment_id > ?4))
ORDER BY held_at, payment_id LIMIT ?5`

/** Held payments oldest first, a page at a time. */
export async function heldPayments(db: D1Database, page: HeldPage): Promise<HeldRow[]> {
  const after = page.after ?? { heldAt: -1, paymentId: '' }
  const { results } = await db
    .prepare(pageSql)
    .bind(
      page.status,
      page.before ?? Number.MAX_SAFE_INTEGER,
      after.heldAt,
      after.paymentId,
      page.limit,
    )
    .all<HeldDbRow>()
  return results.map(toRow)
}

/** The held rows of a provider payment (one per order it was held on). */
export async function heldByPayment(db: D1Database, paymentId: string): Promise<HeldRow[]> {
  const { results } = await db
    .prepare(`SELECT ${columns} FROM held_payments WHERE payment_id = ?1 ORDER BY held_at`)
    .bind(paymentId)
    .all<HeldDbRow>()
  return results.map(toRow)
}
