import { createRoute } from '@hono/zod-openapi'
import { auth } from '../../auth/authenticate'
import { callerRef, orderStub } from '../../http/order-stub'
import { createRouter } from '../../http/router'
import { errorResponses } from '../../http/schemas/error'
import { jsonResponse } from '../../http/schemas/json'
import { OrderIdParams } from '../../http/schemas/params'
import { SessionSchema } from '../../http/schemas/payment'
import { openPaymentSession } from '../../payments/sandbox-checkout'

const openRoute = createRoute({
  method: 'post',
  path: '/{id}/payments',
  tags: ['payments'],
  summary: 'Open a payment session for what the order owes now (a split parent: all children)',
  description:
    'One session per order, stage and attempt: asking again gives the same session; after a ' +
    'declined or mismatched payment the next one is a fresh attempt. 503 ' +
    'PAYMENT_PROVIDER_NOT_CONFIGURED where no provider is configured.',
  middleware: [auth('buyer', 'service')] as const,
  request: { params: OrderIdParams },
  responses: {
    201: jsonResponse(SessionSchema, 'The session'),
    ...errorResponses(401, 404, 409, 503),
  },
})

/** A payment session for what the order owes now, with the configured provider. */
export const orderPaymentsRouter = createRouter().openapi(openRoute, async (c) => {
  const { id } = c.req.valid('param')
  await orderStub(c, id)
  const s = await openPaymentSession(c.env, id, callerRef(c))
  const amount = { amount: s.amount, currency: s.currency }
  const { sessionId, orderId, stage, attempt, url } = s
  return c.json({ sessionId, orderId, amount, stage, attempt, url }, 201)
})
