import {
  type LedgerDirection,
  type LedgerEntry,
  type LedgerKind,
  type LedgerRow,
  type LedgerStatus,
  ledgerKinds,
} from '../domain/ledger-entry'
import { heldStatements } from './held-payments'

/**
 * The payments ledger in D1: one row per money movement of an order, the second of the three
 * records reconciliation compares (provider statement, ledger, orders). Written only through the
 * order actor's outbox, so every writer here is an insert-or-ignore on a key derived from the
 * movement itself: delivering a batch twice, or hearing of a refund from both the `refund` call
 * and its webhook, books it once.
 */

/**
 * The key of a movement. It includes the order because a combined payment is booked once per
 * child order under the same payment id, and the kind because one payment id can also appear as
 * the reference of its own mismatch refund.
 */
export function ledgerRowId(entry: Pick<LedgerEntry, 'kind' | 'orderId' | 'providerRef'>): string {
  return `${entry.kind}:${entry.orderId}:${entry.providerRef}`
}

export function ledgerDirection(kind: LedgerKind): LedgerDirection {
  return ledgerKinds[kind]
}

const insertSql = `INSERT OR IGNORE INTO payments_ledger (id, order_id, parent_order_id, kind,
  provider_ref, session_id, amount, currency, status, at, note)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)`

// Status only moves forward out of pending, so a late or repeated confirmation changes nothing.
const settleSql = `UPDATE payments_ledger SET status = ?2 WHERE id = ?1 AND status = 'pending'`

const columns = `id, order_id, parent_order_id, kind, provider_ref, session_id, amount, currency,
  status, at, note`

function checkEntry(entry: LedgerEntry): void {
  // A malformed row would poison the outbox batch on every retry; refuse it where it is made.
  if (!Number.isSafeInteger(entry.amount) || entry.amount < 0) {
    throw new RangeError(`ledger amount ${entry.amount} is not a non-negative integer`)
  }
  if (!Object.hasOwn(ledgerKinds, entry.kind)) throw new RangeError(`ledger kind ${entry.kind}`)
}

/** The statement that books one movement; safe to send any number of times. */
export function ledgerInsert(db: D1Database, entry: LedgerEntry): D1PreparedStatement {
  checkEntry(entry)
  return db
    .prepare(insertSql)
    .bind(
      ledgerRowId(entry),
      entry.orderId,
      entry.parentOrderId,
      entry.kind,
      entry.providerRef,
      entry.sessionId,
      entry.amount,
      entry.currency,
      entry.status,
      entry.at,
      entry.note,
    )
}

export function ledgerStatements(
  db: D1Database,
  entries: readonly LedgerEntry[],
): D1PreparedStatement[] {
  return entries.flatMap((entry) => [ledgerInsert(db, entry), ...heldStatements(db, entry)])
}

/** Confirms or fails a pending movement; a row that is no longer pending is left alone. */
export function ledgerSettle(
  db: D1Database,
  id: string,
  status: Exclude<LedgerStatus, 'pending'>,
): D1PreparedStatement {
  return db.prepare(settleSql).bind(id, status)
}

interface LedgerDbRow {
  id: string
  order_id: string
  parent_order_id: string | null
  kind: LedgerKind
  provider_ref: string
  session_id: string | null
  amount: number
  currency: string
  status: LedgerStatus
  at: number
  note: string | null
}

function toRow(r: LedgerDbRow): LedgerRow {
  return {
    id: r.id,
    orderId: r.order_id,
    parentOrderId: r.parent_order_id,
    kind: r.kind,
    providerRef: r.provider_ref,
    sessionId: r.session_id,
    amount: r.amount,
    currency: r.currency,
    status: r.status,
    at: r.at,
    note: r.note,
  }
}

/** Every movement of one order, oldest first. */
export async function ledgerOfOrder(db: D1Database, orderId: string): Promise<LedgerRow[]> {
  const { results } = await db
    .prepare(`SELECT ${columns} FROM payments_ledger WHERE order_id = ?1 ORDER BY at, id`)
    .bind(orderId)
    .all<LedgerDbRow>()
  return results.map(toRow)
}

/** Where the previous page of a range read ended. */
export interface LedgerCursor {
  readonly at: number
  readonly id: string
}

export interface LedgerRange {
  /** Half-open `[from, to)` in epoch milliseconds, like the provider statement. */
  readonly from: number
  readonly to: number
  readonly after?: LedgerCursor
  readonly limit?: number
}

const rangeSql = `SELECT ${columns} FROM payments_ledger
WHERE at >= ?1 AND at < ?2 AND (at > ?3 OR (at = ?3 AND id > ?4))
ORDER BY at, id LIMIT ?5`

/**
 * Movements in a time range, oldest first, a page at a time so a day of reconciliation does not
 * have to fit one D1 response. Pass the last row of a page as `after` for the next one.
 */
export async function ledgerInRange(db: D1Database, range: LedgerRange): Promise<LedgerRow[]> {
  const limit = Math.min(Math.max(range.limit ?? 500, 1), 5000)
  // With no cursor, "after" is just before the range, so the condition admits every row.
  const after = range.after ?? { at: range.from - 1, id: '' }
  const { results } = await db
    .prepare(rangeSql)
    .bind(range.from, range.to, after.at, after.id, limit)
    .all<LedgerDbRow>()
  return results.map(toRow)
}
