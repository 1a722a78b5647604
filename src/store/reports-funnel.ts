import { allRows, filterTerms, type ReportFilter, SqlParams, type SqlQuery } from './reports-sql'

/**
 * The status funnel of the orders placed in a range (the cohort), read from their events: how
 * many reached each status, and the median time each step took. Parents of split orders are
 * left out, as their packages live on as orders of their own.
 */

export interface FunnelFilter extends ReportFilter {
  readonly type?: string
}

export interface ReachedRow {
  type: string
  status: string
  orders: number
}

export interface StepRow {
  type: string
  from_status: string
  to_status: string
  orders: number
  median_ms: number
}

function cohort(p: SqlParams, f: FunnelFilter): string {
  const terms = filterTerms(p, f, {
    time: 'o.created_at',
    store: 'o.store_id',
    currency: 'o.currency',
  })
  if (f.type !== undefined) terms.push(`o.type = ${p.add(f.type)}`)
  return `${terms.join(' AND ')} AND o.status <> 'split'`
}

export function reachedQuery(f: FunnelFilter): SqlQuery {
  const p = new SqlParams()
  const sql = `SELECT o.type AS type, e.to_status AS status, COUNT(DISTINCT e.order_id) AS orders
FROM orders o CROSS JOIN order_events e ON e.order_id = o.id
WHERE ${cohort(p, f)} GROUP BY 1, 2`
  return { sql, args: p.args }
}

/**
 * A step is an event that changed the status; it took the time since the order last entered the
 * status it left (notes that keep the status, like a held payment, do not restart the clock). The median is the middle duration (the mean of the two middle ones, floored,
 * when the count is even), ranked in SQL so only one row per step comes back. One window for
 * both the rank and the count, so the steps are computed once.
 */
export function stepsQuery(f: FunnelFilter): SqlQuery {
  const p = new SqlParams()
  const sql = `WITH steps AS MATERIALIZED (
  SELECT o.type AS type, e.from_status AS from_status, e.to_status AS to_status,
    e.at - (SELECT MAX(b.at) FROM order_events b
      WHERE b.order_id = e.order_id AND b.seq < e.seq AND b.to_status = e.from_status
        AND (b.from_status IS NULL OR b.from_status <> b.to_status)) AS ms
  FROM orders o CROSS JOIN order_events e ON e.order_id = o.id
  WHERE ${cohort(p, f)} AND e.from_status IS NOT NULL AND e.from_status <> e.to_status
), ranked AS (
  SELECT type, from_status, to_status, ms, ROW_NUMBER() OVER w AS rn, COUNT(*) OVER w AS n
  FROM steps WHERE ms IS NOT NULL
  WINDOW w AS (PARTITION BY type, from_status, to_status ORDER BY ms
    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
)
SELECT type, from_status, to_status, n AS orders, (MIN(ms) + MAX(ms)) / 2 AS median_ms
FROM ranked WHERE rn IN ((n + 1) / 2, (n + 2) / 2)
GROUP BY type, from_status, to_status, n`
  return { sql, args: p.args }
}

export const reachedCounts = (db: D1Database, f: FunnelFilter) =>
  allRows<ReachedRow>(db, reachedQuery(f))

export const stepMedians = (db: D1Database, f: FunnelFilter) => allRows<StepRow>(db, stepsQuery(f))
