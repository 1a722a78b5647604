import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../../auth/authenticate'
import { orderTypes } from '../../../domain/process/order-types'
import { createRouter } from '../../../http/router'
import { errorResponses } from '../../../http/schemas/error'
import { AfterSalesReportSchema, FunnelReportSchema } from '../../../http/schemas/report'
import { reportQuery } from '../../../http/schemas/report-query'
import { afterSalesReport } from '../../../reports/after-sales'
import { funnelReport } from '../../../reports/funnel'
import { rangeView, reportRange } from '../../../reports/params'
import { csvResponse, wantsCsv } from '../../../reports/respond'

const csv = { 'text/csv': { schema: z.string() } }

const funnelRoute = createRoute({
  method: 'get',
  path: '/status-funnel',
  tags: ['reports'],
  summary: 'Orders placed in the range: how many reached each status, median time per step',
  description:
    'The cohort is the orders created in [from, to) (parents of split orders are left out: ' +
    'their packages are counted). Each step is a status change read from order_events; its ' +
    'time runs from when the order entered the status it left.',
  middleware: [auth('admin')] as const,
  request: { query: z.object({ ...reportQuery, type: z.enum(orderTypes).optional() }) },
  responses: {
    200: {
      description: 'The report',
      content: { 'application/json': { schema: FunnelReportSchema }, ...csv },
    },
    ...errorResponses(400, 401, 403),
  },
})

const afterSalesRoute = createRoute({
  method: 'get',
  path: '/after-sales',
  tags: ['reports'],
  summary: 'After-sales opened in the range by type, reason or store: counts, rates, amounts',
  middleware: [auth('admin')] as const,
  request: {
    query: z.object({
      ...reportQuery,
      groupBy: z.enum(['type', 'reason', 'store']).default('type'),
    }),
  },
  responses: {
    200: {
      description: 'The report',
      content: { 'application/json': { schema: AfterSalesReportSchema }, ...csv },
    },
    ...errorResponses(400, 401, 403),
  },
})

/** One CSV row per step, with the cohort's count of the status the step leaves from. */
function funnelRows(types: Awaited<ReturnType<typeof funnelReport>>) {
  return types.flatMap((t) =>
    t.statuses.map((s) => {
      const out = t.steps.filter((step) => step.from === s.status)
      const next = out.map((step) => `${step.to}:${step.orders}:${step.medianMs}`).join(' ')
      return { type: t.type, status: s.status, orders: s.orders, steps: next }
    }),
  )
}

export const activityReportsRouter = createRouter()
  .openapi(funnelRoute, async (c) => {
    const q = c.req.valid('query')
    const range = reportRange(q)
    const types = await funnelReport(c.env.DB, { ...range, ...(q.type ? { type: q.type } : {}) })
    if (wantsCsv(c)) return csvResponse('status-funnel', funnelRows(types))
    return c.json({ report: 'status-funnel' as const, ...rangeView(range), types }, 200)
  })
  .openapi(afterSalesRoute, async (c) => {
    const q = c.req.valid('query')
    const range = reportRange(q)
    const rows = await afterSalesReport(c.env.DB, q.groupBy, range)
    if (wantsCsv(c)) return csvResponse('after-sales', rows)
    return c.json(
      { report: 'after-sales' as const, ...rangeView(range), groupBy: q.groupBy, rows },
      200,
    )
  })
