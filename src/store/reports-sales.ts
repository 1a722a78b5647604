import { allRows, filterTerms, type ReportFilter, SqlParams, type SqlQuery } from './reports-sql'

/**
 * Sales are recognized when an order is paid (orders.paid_at), per currency. Parents of split
 * orders are left out: their packages are orders of their own and carry the same money.
 */

export type SalesGroup = 'day' | 'store' | 'sku'

export interface SalesFilter extends ReportFilter {
  /** Minutes east of UTC that a "day" starts at (480 for China), for day grouping. */
  readonly tzOffsetMinutes: number
}

const dayMs = 86_400_000

export interface DiscountSums {
  member: number
  store: number
  platform: number
  coupon: number
  points: number
}

export interface OrderSalesRow extends DiscountSums {
  currency: string
  k: string | number | null
  orders: number
  units: number
  paid: number
  items: number
  freight: number
}

export interface SkuSalesRow extends DiscountSums {
  currency: string
  k: string
  title: string
  orders: number
  units: number
  paid: number
  items: number
}

export interface RefundRow {
  currency: string
  k: string | number | null
  refunds: number
  late: number
}

const orderSums = `COUNT(*) AS orders, SUM(o.paid_amount) AS paid, SUM(o.items_amount) AS items,
  SUM(o.member_discount_amount) AS member, SUM(o.store_discount_amount) AS store,
  SUM(o.platform_discount_amount) AS platform, SUM(o.coupon_discount_amount) AS coupon,
  SUM(o.points_discount_amount) AS points, SUM(o.freight_amount) AS freight,
  COALESCE(SUM((SELECT SUM(l.qty) FROM order_lines l WHERE l.order_id = o.id)), 0) AS units`

// D1 binds a JS number as REAL, and REAL arithmetic would give every order its own fractional
// "day"; the cast keeps the division an integer one.
function keyOf(group: 'day' | 'store', p: SqlParams, f: SalesFilter, time: string, store: string) {
  if (group === 'store') return store
  return `(${time} + CAST(${p.add(f.tzOffsetMinutes * 60_000)} AS INTEGER)) / ${dayMs}`
}

/** Paid orders grouped by day (of paid_at) or store. */
export function orderSalesQuery(group: 'day' | 'store', f: SalesFilter): SqlQuery {
  const p = new SqlParams()
  const key = keyOf(group, p, f, 'o.paid_at', 'o.store_id')
  const terms = filterTerms(p, f, {
    time: 'o.paid_at',
    store: 'o.store_id',
    currency: 'o.currency',
  })
  const sql = `SELECT o.currency AS currency, ${key} AS k, ${orderSums}
FROM orders o WHERE ${terms.join(' AND ')} AND o.status <> 'split' GROUP BY 1, 2`
  return { sql, args: p.args }
}

/** Lines of paid orders grouped by SKU; freight and refunds belong to orders, not lines. */
export function skuSalesQuery(f: SalesFilter): SqlQuery {
  const p = new SqlParams()
  const terms = filterTerms(p, f, {
    time: 'o.paid_at',
    store: 'o.store_id',
    currency: 'o.currency',
  })
  // CROSS JOIN keeps orders as the outer loop, so the paid_at range is the index search.
  const sql = `SELECT o.currency AS currency, l.sku_id AS k, MAX(l.title) AS title,
  COUNT(DISTINCT o.id) AS orders, SUM(l.qty) AS units, SUM(l.final_amount) AS paid,
  SUM(l.line_amount) AS items, SUM(l.member_discount_amount) AS member,
  SUM(l.store_discount_amount) AS store, SUM(l.platform_discount_amount) AS platform,
  SUM(l.coupon_discount_amount) AS coupon, SUM(l.points_discount_amount) AS points
FROM orders o CROSS JOIN order_lines l ON l.order_id = o.id
WHERE ${terms.join(' AND ')} AND o.status <> 'split' GROUP BY 1, 2`
  return { sql, args: p.args }
}

/**
 * Money paid back in the range (cash basis), from the payments ledger. Refunds of late or
 * mismatched payments are apart: that money was never counted as paid.
 */
export function refundsQuery(group: 'day' | 'store', f: SalesFilter): SqlQuery {
  const p = new SqlParams()
  const key = keyOf(group, p, f, 'r.at', 'o.store_id')
  const needsOrder = group === 'store' || f.storeId !== undefined
  const terms = filterTerms(p, f, {
    time: 'r.at',
    store: needsOrder ? 'o.store_id' : null,
    currency: 'r.currency',
  })
  // The ledger stays the outer loop (its time range is the search); a store filter needs the
  // order row, a store grouping keeps refunds of orders the projection does not have yet.
  const join = f.storeId !== undefined ? 'CROSS JOIN' : 'LEFT JOIN'
  const orders = needsOrder ? `${join} orders o ON o.id = r.order_id` : ''
  const sql = `SELECT r.currency AS currency, ${key} AS k,
  SUM(CASE WHEN r.kind = 'refund' THEN r.amount ELSE 0 END) AS refunds,
  SUM(CASE WHEN r.kind = 'late_payment_refund' THEN r.amount ELSE 0 END) AS late
FROM payments_ledger r ${orders}
WHERE ${terms.join(' AND ')} AND r.kind IN ('refund', 'late_payment_refund')
  AND r.status = 'succeeded' GROUP BY 1, 2`
  return { sql, args: p.args }
}

export const orderSales = (db: D1Database, group: 'day' | 'store', f: SalesFilter) =>
  allRows<OrderSalesRow>(db, orderSalesQuery(group, f))

export const skuSales = (db: D1Database, f: SalesFilter) =>
  allRows<SkuSalesRow>(db, skuSalesQuery(f))

export const refundSums = (db: D1Database, group: 'day' | 'store', f: SalesFilter) =>
  allRows<RefundRow>(db, refundsQuery(group, f))

export { dayMs }
