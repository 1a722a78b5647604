import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../../auth/authenticate'
import { createRouter } from '../../../http/router'
import { errorResponses } from '../../../http/schemas/error'
import { ReconciliationReportSchema } from '../../../http/schemas/report'
import { reportQuery } from '../../../http/schemas/report-query'
import { rangeView, reportRange } from '../../../reports/params'
import { reconciliationReport } from '../../../reports/reconciliation-view'
import { csvResponse, wantsCsv } from '../../../reports/respond'

const route = createRoute({
  method: 'get',
  path: '/reconciliation',
  tags: ['reports'],
  summary: 'Open reconciliation mismatches (money moved in [from, to), default the last year)',
  middleware: [auth('admin')] as const,
  request: {
    query: z.object({
      from: reportQuery.from,
      to: reportQuery.to,
      tz: reportQuery.tz,
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: {
    200: {
      description: 'The report',
      content: {
        'application/json': { schema: ReconciliationReportSchema },
        'text/csv': { schema: z.string() },
      },
    },
    ...errorResponses(400, 401, 403),
  },
})

export const reconciliationReportRouter = createRouter().openapi(route, async (c) => {
  const q = c.req.valid('query')
  const range = reportRange(q, Date.now(), 366)
  const report = await reconciliationReport(c.env.DB, range, q.limit)
  if (wantsCsv(c)) return csvResponse('reconciliation', report.open)
  return c.json({ report: 'reconciliation' as const, ...rangeView(range), ...report }, 200)
})
