import { finishedAfterSaleStatuses } from './order-after-sale-sql'
import { allRows, filterTerms, type ReportFilter, SqlParams, type SqlQuery } from './reports-sql'

/** After-sale orders opened in a range, and the paid orders they are measured against. */

export type AfterSaleGroup = 'type' | 'reason' | 'store'

export interface AfterSaleRow {
  currency: string
  k: string
  count: number
  succeeded: number
  rejected: number
  open: number
  open_orders: number
  refunded: number
  requested: number
}

export interface PaidCountRow {
  currency: string
  k: string | null
  orders: number
}

const groupColumn: Record<AfterSaleGroup, string> = {
  type: 'a.type',
  reason: 'a.reason',
  store: 'a.store_id',
}

/** Statuses an after-sale ends in; anything else is still being handled. */
const finished = finishedAfterSaleStatuses

export function afterSalesQuery(group: AfterSaleGroup, f: ReportFilter): SqlQuery {
  const p = new SqlParams()
  const terms = filterTerms(p, f, {
    time: 'a.created_at',
    store: 'a.store_id',
    currency: 'a.currency',
  })
  const sql = `SELECT a.currency AS currency, ${groupColumn[group]} AS k, COUNT(*) AS count,
  SUM(a.status = 'succeeded') AS succeeded, SUM(a.status = 'rejected') AS rejected,
  SUM(a.status NOT IN ${finished}) AS open,
  COUNT(DISTINCT CASE WHEN a.status NOT IN ${finished} THEN a.order_id END) AS open_orders,
  SUM(CASE WHEN a.status = 'succeeded' THEN a.refund_amount ELSE 0 END) AS refunded,
  SUM(a.refund_amount) AS requested
FROM after_sales a WHERE ${terms.join(' AND ')} GROUP BY 1, 2`
  return { sql, args: p.args }
}

/** Paid orders in the range, per currency and (for store grouping) per store: the rate base. */
export function paidCountQuery(byStore: boolean, f: ReportFilter): SqlQuery {
  const p = new SqlParams()
  const terms = filterTerms(p, f, {
    time: 'o.paid_at',
    store: 'o.store_id',
    currency: 'o.currency',
  })
  const key = byStore ? 'o.store_id' : 'NULL'
  const sql = `SELECT o.currency AS currency, ${key} AS k, COUNT(*) AS orders
FROM orders o WHERE ${terms.join(' AND ')} AND o.status <> 'split' GROUP BY 1, 2`
  return { sql, args: p.args }
}

export const afterSaleSums = (db: D1Database, group: AfterSaleGroup, f: ReportFilter) =>
  allRows<AfterSaleRow>(db, afterSalesQuery(group, f))

export const paidCounts = (db: D1Database, byStore: boolean, f: ReportFilter) =>
  allRows<PaidCountRow>(db, paidCountQuery(byStore, f))
