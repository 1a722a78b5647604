import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../../auth/authenticate'
import { createRouter } from '../../../http/router'
import { errorResponses } from '../../../http/schemas/error'
import { SalesReportSchema, TopSkusReportSchema } from '../../../http/schemas/report'
import { reportQuery } from '../../../http/schemas/report-query'
import { rangeView, reportRange } from '../../../reports/params'
import { csvResponse, wantsCsv } from '../../../reports/respond'
import { salesReport } from '../../../reports/sales'
import { topSkusReport } from '../../../reports/top-skus'

const csv = { 'text/csv': { schema: z.string() } }

const salesRoute = createRoute({
  method: 'get',
  path: '/sales',
  tags: ['reports'],
  summary: 'Sales by day, store or SKU, per currency (JSON, or CSV with Accept: text/csv)',
  description:
    'Orders count when paid (paid_at in [from, to)). Discounts by layer, freight, refunds (from ' +
    'the payments ledger, by when they were paid back) and net = paid - refunds. Refunds of late ' +
    'or mismatched payments are apart: that money was never counted as paid. SKU rows are line ' +
    'figures, with no freight or refunds; totals are always per order.',
  middleware: [auth('admin')] as const,
  request: {
    query: z.object({ ...reportQuery, groupBy: z.enum(['day', 'store', 'sku']).default('day') }),
  },
  responses: {
    200: {
      description: 'The report',
      content: { 'application/json': { schema: SalesReportSchema }, ...csv },
    },
    ...errorResponses(400, 401, 403),
  },
})

const topSkusRoute = createRoute({
  method: 'get',
  path: '/top-skus',
  tags: ['reports'],
  summary: 'Best-selling SKUs of each currency, by paid amount or units',
  middleware: [auth('admin')] as const,
  request: {
    query: z.object({
      ...reportQuery,
      by: z.enum(['amount', 'units']).default('amount'),
      limit: z.coerce.number().int().min(1).max(100).default(10),
    }),
  },
  responses: {
    200: {
      description: 'The report',
      content: { 'application/json': { schema: TopSkusReportSchema }, ...csv },
    },
    ...errorResponses(400, 401, 403),
  },
})

export const salesReportsRouter = createRouter()
  .openapi(salesRoute, async (c) => {
    const q = c.req.valid('query')
    const range = reportRange(q)
    const { rows, totals } = await salesReport(c.env.DB, q.groupBy, range)
    if (wantsCsv(c)) return csvResponse('sales', rows)
    return c.json(
      { report: 'sales' as const, ...rangeView(range), groupBy: q.groupBy, rows, totals },
      200,
    )
  })
  .openapi(topSkusRoute, async (c) => {
    const q = c.req.valid('query')
    const range = reportRange(q)
    const rows = await topSkusReport(c.env.DB, range, q.by, q.limit)
    if (wantsCsv(c)) return csvResponse('top-skus', rows)
    return c.json({ report: 'top-skus' as const, ...rangeView(range), by: q.by, rows }, 200)
  })
