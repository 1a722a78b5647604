import type { AfterSaleRow } from '../domain/after-sale/projection'
import type { LedgerEntry } from '../domain/ledger-entry'
import type { Order, OrderEvent } from '../domain/order'
import { attributesOf } from '../domain/order-attributes'
import { ledgerStatements } from './payments-ledger'

/** One outbox entry: the snapshot after a transition and the event that made it. */
export interface HistoryEntry {
  readonly order: Order
  readonly event: OrderEvent
  readonly withLines: boolean
  /** Money that moved with this event, for the payments ledger. */
  readonly ledger?: readonly LedgerEntry[]
  /** After-sales this event moved, as the D1 after_sales projection holds them. */
  readonly afterSales?: readonly AfterSaleRow[]
}

// paid_at is indexed twice (sales reports select by it), and an UPDATE naming an indexed column
// rewrites its index entries even when the value stays: it is named only when it may change.
const upsertOrderSql = (paidAt: boolean) => `INSERT INTO orders (id, parent_id, user_id, store_id,
  type, status, currency, items_amount, store_discount_amount, platform_discount_amount,
  coupon_discount_amount, points_discount_amount, freight_amount, payable_amount, paid_amount,
  cancel_reason, version, created_at, paid_at, shipped_at, received_at, completed_at, cancelled_at,
  updated_at, member_discount_amount, channel, delivery, invoice_type)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
  ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)
ON CONFLICT (id) DO UPDATE SET status = excluded.status, paid_amount = excluded.paid_amount,
  cancel_reason = excluded.cancel_reason, version = excluded.version,${paidAt ? ' paid_at = excluded.paid_at,' : ''}
  shipped_at = excluded.shipped_at, received_at = excluded.received_at,
  completed_at = excluded.completed_at, cancelled_at = excluded.cancelled_at,
  updated_at = excluded.updated_at
WHERE excluded.version > orders.version`
const upsertOrderPaid = upsertOrderSql(true)
const upsertOrderUnpaid = upsertOrderSql(false)

/**
 * What a reader of the orders row sees besides its version and update time. A flush that
 * changes none of it (a note, a warehouse step) leaves the row alone: rows written are billed.
 */
export function orderRowKey(o: Order): string {
  const times = [o.paidAt, o.shippedAt, o.receivedAt, o.completedAt, o.cancelledAt]
  return JSON.stringify([o.status, o.amounts.paid, o.cancelReason, ...times])
}

const insertLineSql = `INSERT OR IGNORE INTO order_lines (order_id, line_no, sku_id, store_id, title,
  qty, currency, unit_price_amount, line_amount, store_discount_amount, platform_discount_amount,
  coupon_discount_amount, points_discount_amount, final_amount, created_at, member_discount_amount)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)`

const insertEventSql = `INSERT OR IGNORE INTO order_events (order_id, seq, action, from_status,
  to_status, actor_role, actor_id, payload, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`

// Moves forward by version only, like the orders row, so a redelivered batch never sets it back.
const upsertAfterSaleSql = `INSERT INTO after_sales (id, order_id, user_id, store_id, type, reason,
  status, refund_amount, currency, version, created_at, updated_at, resolved_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
ON CONFLICT (id) DO UPDATE SET status = excluded.status, refund_amount = excluded.refund_amount,
  version = excluded.version, updated_at = excluded.updated_at, resolved_at = excluded.resolved_at
WHERE excluded.version > after_sales.version`

function upsertAfterSale(db: D1Database, r: AfterSaleRow): D1PreparedStatement {
  return db
    .prepare(upsertAfterSaleSql)
    .bind(
      r.id,
      r.order_id,
      r.user_id,
      r.store_id,
      r.type,
      r.reason,
      r.status,
      r.refund_amount,
      r.currency,
      r.version,
      r.created_at,
      r.updated_at,
      r.resolved_at,
    )
}

function upsertOrder(db: D1Database, o: Order, paidAt: boolean): D1PreparedStatement {
  const a = o.amounts
  const attributes = attributesOf(o)
  return db
    .prepare(paidAt ? upsertOrderPaid : upsertOrderUnpaid)
    .bind(
      o.id,
      o.parentId,
      o.userId,
      o.storeId,
      o.type,
      o.status,
      o.currency,
      a.items,
      a.storeDiscount,
      a.platformDiscount,
      a.couponDiscount,
      a.pointsDiscount,
      a.freight,
      a.payable,
      a.paid,
      o.cancelReason,
      o.version,
      o.createdAt,
      o.paidAt,
      o.shippedAt,
      o.receivedAt,
      o.completedAt,
      o.cancelledAt,
      o.updatedAt,
      a.memberDiscount,
      attributes.channel,
      attributes.delivery,
      attributes.invoice?.type ?? null,
    )
}

function insertLines(db: D1Database, o: Order): D1PreparedStatement[] {
  return o.lines.map((l) =>
    db
      .prepare(insertLineSql)
      .bind(
        o.id,
        l.lineNo,
        l.skuId,
        l.storeId,
        l.title,
        l.qty,
        o.currency,
        l.unitPrice,
        l.amount,
        l.storeDiscount,
        l.platformDiscount,
        l.couponDiscount,
        l.pointsDiscount,
        l.finalAmount,
        o.createdAt,
        l.memberDiscount,
      ),
  )
}

function insertEvent(db: D1Database, orderId: string, e: OrderEvent): D1PreparedStatement {
  return db
    .prepare(insertEventSql)
    .bind(
      orderId,
      e.seq,
      e.action,
      e.from,
      e.to,
      e.actorRole,
      e.actorId,
      JSON.stringify(e.payload),
      e.at,
    )
}

/**
 * The D1 statements for a run of outbox entries, safe to send more than once: lines and events
 * are insert-or-ignore on their keys, and the order and after-sale rows only move forward by
 * version. Only the newest order snapshot is written, since it supersedes the others, and not
 * at all when `delivered` (the orderRowKey D1 is known to hold) says nothing a reader sees moved.
 */
export function historyStatements(
  db: D1Database,
  entries: readonly HistoryEntry[],
  delivered: string | null = null,
): D1PreparedStatement[] {
  const last = entries.at(-1)
  if (!last) return []
  const statements: D1PreparedStatement[] = []
  for (const entry of entries) {
    if (entry.withLines) statements.push(...insertLines(db, entry.order))
    statements.push(insertEvent(db, entry.order.id, entry.event))
    if (entry.ledger && entry.ledger.length > 0)
      statements.push(...ledgerStatements(db, entry.ledger))
    for (const row of entry.afterSales ?? []) statements.push(upsertAfterSale(db, row))
  }
  const o = entries.reduce((a, b) => (b.order.version > a.order.version ? b : a), last).order
  if (delivered === orderRowKey(o) && !entries.some((e) => e.withLines)) return statements
  const paidBefore = delivered === null ? undefined : (JSON.parse(delivered) as unknown[])[3]
  statements.push(upsertOrder(db, o, paidBefore !== o.paidAt))
  return statements
}
