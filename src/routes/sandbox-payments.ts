import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../auth/authenticate'
import { createRouter } from '../http/router'
import { errorResponses } from '../http/schemas/error'
import { IdSchema } from '../http/schemas/id'
import { jsonBody, jsonResponse } from '../http/schemas/json'
import { DeliverySchema } from '../http/schemas/payment'
import { completeSandboxPayment } from '../payments/sandbox-checkout'
import { sandboxOnly } from '../payments/sandbox-only'

const CompleteSchema = z
  .object({
    amount: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().openapi({
      description: 'Pay this many minor units instead of the session amount (rehearse a mismatch)',
    }),
    fail: z.boolean().optional().openapi({ description: 'Decline: a payment.failed event' }),
  })
  .strict()
  .openapi('SandboxComplete')

/** `/v1/sandbox/payments`: the sandbox provider's side, for local runs, tests and benches. */
export const sandboxPaymentsRouter = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/{sessionId}/complete',
    tags: ['payments'],
    summary: 'Sandbox only: the provider pays the session and sends its signed webhook',
    description: '404 unless PAYMENT_PROVIDER is sandbox (.dev.vars, tests and benches only).',
    middleware: [sandboxOnly, auth('buyer', 'service', 'admin')] as const,
    request: {
      params: z.object({
        sessionId: IdSchema.openapi({ param: { name: 'sessionId', in: 'path' } }),
      }),
      body: { ...jsonBody(CompleteSchema), required: false },
    },
    responses: {
      200: jsonResponse(DeliverySchema, 'What the webhook did to the order'),
      ...errorResponses(400, 401, 404, 409),
    },
  }),
  async (c) => {
    const options = c.req.valid('json') ?? {}
    return c.json(await completeSandboxPayment(c.env, c.req.valid('param').sessionId, options), 200)
  },
)
