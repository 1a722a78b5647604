import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { orderPageQuery } from '../../src/store/order-page'
import {
  ledgerByOrderSql,
  ledgerByRefSql,
  ordersByIdSql,
  paidInRangeSql,
} from '../../src/store/reconciliation-inputs'
import { openMismatchesSql } from '../../src/store/reconciliation-store'
import { afterSalesQuery, paidCountQuery } from '../../src/store/reports-after-sales'
import { reachedQuery, stepsQuery } from '../../src/store/reports-funnel'
import { orderSalesQuery, refundsQuery, skuSalesQuery } from '../../src/store/reports-sales'
import type { SqlQuery } from '../../src/store/reports-sql'

const guarded = ['orders', 'order_lines', 'order_events', 'after_sales', 'payments_ledger']

/** The names a query gives the guarded tables (the table itself and any alias). */
function namesOf(sql: string): Set<string> {
  const names = new Set(guarded)
  const alias =
    /\b(orders|order_lines|order_events|after_sales|payments_ledger)\s+(?:AS\s+)?([a-z]\w*)/gi
  for (const m of sql.matchAll(alias)) {
    const name = m[2]?.toLowerCase()
    if (name && !['where', 'on', 'cross', 'left', 'join', 'group', 'order'].includes(name))
      names.add(name)
  }
  return names
}

async function planOf(q: SqlQuery): Promise<string[]> {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${q.sql}`)
    .bind(...q.args)
    .all<{ detail: string }>()
  return results.map((r) => r.detail)
}

/** Full scans of a guarded table; `bounded` admits an index walk that a LIMIT stops early. */
async function fullScans(q: SqlQuery, bounded = false): Promise<string[]> {
  const names = namesOf(q.sql)
  return (await planOf(q)).filter((d) => {
    const m = /^SCAN (\w+)(.*)$/.exec(d)
    if (!m?.[1] || !names.has(m[1])) return false
    return !(bounded && /USING (COVERING )?INDEX/.test(m[2] ?? ''))
  })
}

const range = { from: 1, to: 2 }
const variants = [
  range,
  { ...range, storeId: 's' },
  { ...range, currency: 'CNY' },
  { ...range, storeId: 's', currency: 'CNY' },
]
const sales = variants.map((v) => ({ ...v, tzOffsetMinutes: 480 }))

const reportQueries: [string, SqlQuery][] = [
  ...sales.flatMap((f, i): [string, SqlQuery][] => [
    [`sales by day ${i}`, orderSalesQuery('day', f)],
    [`sales by store ${i}`, orderSalesQuery('store', f)],
    [`sales by sku / top-skus ${i}`, skuSalesQuery(f)],
    [`refunds by day ${i}`, refundsQuery('day', f)],
    [`refunds by store ${i}`, refundsQuery('store', f)],
  ]),
  ...variants.flatMap((f, i): [string, SqlQuery][] => [
    [`funnel reached ${i}`, reachedQuery(f)],
    [`funnel steps ${i}`, stepsQuery(f)],
    [`funnel steps by type ${i}`, stepsQuery({ ...f, type: 'physical' })],
    [`after-sales by type ${i}`, afterSalesQuery('type', f)],
    [`after-sales by reason ${i}`, afterSalesQuery('reason', f)],
    [`after-sales by store ${i}`, afterSalesQuery('store', f)],
    [`paid counts ${i}`, paidCountQuery(true, f)],
    [`paid counts overall ${i}`, paidCountQuery(false, f)],
  ]),
  ['reconciliation: orders paid in range', { sql: paidInRangeSql, args: [1, 2] }],
  ['reconciliation: orders by id', { sql: ordersByIdSql('?1, ?2'), args: ['a', 'b'] }],
  ['reconciliation: ledger by order', { sql: ledgerByOrderSql('?1, ?2'), args: ['a', 'b'] }],
  ['reconciliation: ledger by ref', { sql: ledgerByRefSql('?1, ?2'), args: ['a', 'b'] }],
  ['reconciliation report', { sql: openMismatchesSql, args: [1, 2, 10] }],
]

describe('every report query is an index search', () => {
  it.each(reportQueries)('%s', async (_name, q) => {
    expect(await fullScans(q)).toEqual([])
  })

  it('catches a full scan when there is one', async () => {
    const scan = { sql: 'SELECT SUM(qty) FROM order_lines l WHERE l.qty > ?1', args: [1] }
    expect(await fullScans(scan)).toEqual(['SCAN l'])
  })
})

describe('admin order search', () => {
  const cursor = { createdAt: 5, id: 'ord_x' }
  const searches = [
    { limit: 21 },
    { status: 'pending_payment', limit: 21 },
    { storeId: 's', limit: 21 },
    { userId: 'u', limit: 21 },
    { from: 1, to: 2, limit: 21 },
    { status: 'completed', storeId: 's', from: 1, limit: 21, cursor },
    { userId: 'u', to: 9, limit: 21, cursor },
    { afterSaleOpen: true, limit: 21 },
    { afterSaleOpen: true, storeId: 's', limit: 21, cursor },
    { afterSaleOpen: true, status: 'completed', from: 1, to: 2, limit: 21 },
  ]
  it.each(searches)('%o walks an index, never the table', async (f) => {
    expect(await fullScans(orderPageQuery(f), true)).toEqual([])
  })
})
