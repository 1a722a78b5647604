import { createRoute } from '@hono/zod-openapi'
import { createRouter } from '../http/router'
import { errorResponses } from '../http/schemas/error'
import { jsonResponse } from '../http/schemas/json'
import { DeliverySchema, StripeDeliverySchema } from '../http/schemas/payment'
import { receiveWebhook } from '../payments/receive-webhook'
import { receiveStripeWebhook } from '../payments/stripe-webhook'

/** `/v1/payments`: what payment providers send; signed, so no bearer token. */
export const paymentsRouter = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/webhook',
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
      path: '/stripe/webhook',
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
