import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../auth/authenticate'
import { AppError } from '../../errors'
import { createRouter } from '../../http/router'
import { errorResponses } from '../../http/schemas/error'
import { jsonBody, jsonResponse } from '../../http/schemas/json'
import { MismatchSchema } from '../../http/schemas/report'
import { runReconciliation } from '../../reports/reconciliation-run'
import { recordedView } from '../../reports/reconciliation-view'

const dayMs = 86_400_000
const maxDays = 31

const RunRequestSchema = z
  .object({
    from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Default: to - 24h' }),
    to: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'Exclusive; default now' }),
  })
  .strict()
  .openapi('ReconciliationRunRequest')

const RunResultSchema = z
  .object({
    id: z.string(),
    trigger: z.enum(['cron', 'manual']),
    from: z.string(),
    to: z.string(),
    statementRows: z.number().int(),
    ledgerRows: z.number().int(),
    ordersChecked: z.number().int(),
    found: z.number().int(),
    healed: z.number().int(),
    resolved: z.number().int(),
    mismatches: z.array(MismatchSchema),
  })
  .openapi('ReconciliationRunResult')

const runRoute = createRoute({
  method: 'post',
  path: '/run',
  tags: ['admin'],
  summary: 'Reconcile provider statement, payments ledger and orders over a range now',
  description:
    'What the cron does, on demand. Payments the provider took that the order never heard of ' +
    '(PAID_NOT_MARKED) are re-delivered to the order actor; every mismatch is recorded, and open ' +
    'ones of the range that are no longer found are closed as resolved.',
  middleware: [auth('admin')] as const,
  request: { body: { ...jsonBody(RunRequestSchema), required: false } },
  responses: {
    200: jsonResponse(RunResultSchema, 'The run and what it found'),
    ...errorResponses(400, 401, 403),
  },
})

function bodyError(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `json ${field}: ${message}`, {
    target: 'json',
    issues: [{ field, code: 'custom', message }],
  })
}

function runRange(body: { from?: string | undefined; to?: string | undefined } | undefined) {
  const to = body?.to === undefined ? Date.now() : Date.parse(body.to)
  const from = body?.from === undefined ? to - dayMs : Date.parse(body.from)
  if (!(from < to)) throw bodyError('to', 'must be after from')
  if (to - from > maxDays * dayMs) throw bodyError('from', `the range is over ${maxDays} days`)
  return { from, to }
}

/** `/v1/admin/reconciliation`: the cron's reconciliation, run on demand. */
export const reconciliationRouter = createRouter().openapi(runRoute, async (c) => {
  const range = runRange(c.req.valid('json'))
  const run = await runReconciliation(c.env, range, { trigger: 'manual' })
  return c.json(
    {
      ...run,
      from: new Date(run.from).toISOString(),
      to: new Date(run.to).toISOString(),
      mismatches: run.mismatches.map(recordedView),
    },
    200,
  )
})
