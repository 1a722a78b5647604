import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../auth/authenticate'
import { callerRef, orderStub } from '../http/order-stub'
import { createRouter } from '../http/router'
import { errorResponses, IdSchema, jsonBody, jsonResponse, MoneySchema } from '../http/schemas'
import { receiveWebhook } from '../payments/receive-webhook'
import { completeSandboxPayment, openPaymentSession } from '../payments/sandbox-checkout'
import { sandboxOnly } from '../payments/sandbox-only'
import { receiveStripeWebhook } from '../payments/stripe-webhook'

const idParams = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) })

const DeliverySchema = z
  .object({ eventId: z.string(), orderId: z.string(), outcome: z.string() })
  .openapi('PaymentDelivery', {
    description: 'paid, held_for_review, refunded, recorded, or duplicate:<first outcome>',
  })

const SessionSchema = z
  .object({
    sessionId: z.string(),
    orderId: z.string(),
    amount: MoneySchema,
    stage: z.enum(['full', 'deposit', 'balance', 'merged']),
    attempt: z.number().int().positive(),
    url: z.string().nullable().openapi({ description: 'The hosted checkout page (Stripe)' }),
  })
  .openapi('PaymentSession')

const StripeDeliverySchema = z
  .object({ eventId: z.string(), type: z.string(), applied: z.array(DeliverySchema) })
  .openapi('StripeDelivery')

const CompleteSchema = z
  .object({
    amount: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().openapi({
      description: 'Pay this many minor units instead of the session amount (rehearse a mismatch)',
    }),
    fail: z.boolean().optional().openapi({ description: 'Decline: a payment.failed event' }),
  })
  .strict()
  .openapi('SandboxComplete')

export const paymentsRouter = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/orders/{id}/payments',
      tags: ['payments'],
      summary: 'Open a payment session for what the order owes now (a split parent: all children)',
      description:
        'One session per order, stage and attempt: asking again gives the same session; after a ' +
        'declined or mismatched payment the next one is a fresh attempt. 503 ' +
        'PAYMENT_PROVIDER_NOT_CONFIGURED where no provider is configured.',
      middleware: [auth('buyer', 'service')] as const,
      request: { params: idParams },
      responses: {
        201: jsonResponse(SessionSchema, 'The session'),
        ...errorResponses(401, 404, 409, 503),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await orderStub(c, id)
      const s = await openPaymentSession(c.env, id, callerRef(c))
      const amount = { amount: s.amount, currency: s.currency }
      const { sessionId, orderId, stage, attempt, url } = s
      return c.json({ sessionId, orderId, amount, stage, attempt, url }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/sandbox/payments/{sessionId}/complete',
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
      return c.json(
        await completeSandboxPayment(c.env, c.req.valid('param').sessionId, options),
        200,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/payments/webhook',
      tags: ['payments'],
      summary:
        'Provider webhook (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature)',
      description:
        'HMAC-SHA256 over id.timestamp.body with WEBHOOK_SECRET; a bad signature or a timestamp ' +
        'more than 5 minutes off answers 401 and changes nothing. Events are applied once per ' +
        'event id and once per provider payment id. 404 where no such sender is configured.',
      security: [],
      responses: {
        200: jsonResponse(DeliverySchema, 'Applied (or already applied)'),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => c.json(await receiveWebhook(c.env, await c.req.text(), c.req.raw.headers), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/payments/stripe/webhook',
      tags: ['payments'],
      summary: 'Stripe webhook (Stripe-Signature)',
      description:
        'checkout.session.completed pays, payment_intent.payment_failed is recorded, ' +
        'charge.refunded confirms refunds; other events are acknowledged and change nothing. ' +
        'A bad or stale signature answers 401. 404 unless PAYMENT_PROVIDER is stripe.',
      security: [],
      responses: {
        200: jsonResponse(StripeDeliverySchema, 'Applied (or already applied)'),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const raw = await c.req.text()
      const delivery = await receiveStripeWebhook(c.env, raw, c.req.header('Stripe-Signature'))
      return c.json({ ...delivery, applied: [...delivery.applied] }, 200)
    },
  )
