import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../auth/authenticate'
import { AppError, unwrap } from '../../errors'
import { callerRef, orderStub } from '../../http/order-stub'
import { createRouter } from '../../http/router'
import { AddressSchema } from '../../http/schemas/address'
import { errorResponses } from '../../http/schemas/error'
import { jsonBody, jsonResponse } from '../../http/schemas/json'
import { OrderViewSchema } from '../../http/schemas/order'
import { OrderIdParams } from '../../http/schemas/params'
import { completeSandboxPayment, openPaymentSession } from '../../payments/sandbox-checkout'
import { sandboxOnly } from '../../payments/sandbox-only'
import { withLiveChildren } from './live-children'

const CancelSchema = z
  .object({ reason: z.string().min(1).max(200).optional() })
  .strict()
  .openapi('CancelOrder')

const cancelRoute = createRoute({
  method: 'post',
  path: '/{id}/cancel',
  tags: ['orders'],
  summary: 'Cancel: before payment; after payment refunded, intercepted at the warehouse if needed',
  description:
    'Unpaid: cancelled. Paid, not yet at the warehouse: cancelled, refunded, stock back on sale. ' +
    'At the warehouse: intercepted first; 409 INTERCEPT_FAILED once the goods are outbound.',
  middleware: [auth('buyer', 'service', 'admin')] as const,
  request: { params: OrderIdParams, body: { ...jsonBody(CancelSchema), required: false } },
  responses: {
    200: jsonResponse(OrderViewSchema, 'The cancelled order'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const payRoute = createRoute({
  method: 'post',
  path: '/{id}/pay',
  tags: ['orders'],
  summary: 'Sandbox shortcut: open a session, pay it, deliver the webhook (local only)',
  description:
    'Pays what is due now (the payable, or for a presale the deposit then the balance) through ' +
    'the sandbox provider and its signed webhook, the same path a real payment takes. ' +
    '404 unless PAYMENT_PROVIDER is sandbox (.dev.vars, tests and benches only).',
  middleware: [sandboxOnly, auth('buyer', 'service')] as const,
  request: { params: OrderIdParams },
  responses: {
    200: jsonResponse(OrderViewSchema, 'The paid order'),
    ...errorResponses(401, 403, 404, 409, 422),
  },
})

const confirmRoute = createRoute({
  method: 'post',
  path: '/{id}/confirm-receipt',
  tags: ['orders'],
  summary: 'Buyer confirms the goods arrived',
  middleware: [auth('buyer', 'service', 'admin')] as const,
  request: { params: OrderIdParams },
  responses: {
    200: jsonResponse(OrderViewSchema, 'The completed order'),
    ...errorResponses(401, 403, 404, 409),
  },
})

const addressRoute = createRoute({
  method: 'patch',
  path: '/{id}/address',
  tags: ['orders'],
  summary: 'Change the ship-to address: allowed until the goods are outbound (then 409)',
  middleware: [auth('buyer', 'service', 'admin')] as const,
  request: { params: OrderIdParams, body: jsonBody(AddressSchema) },
  responses: {
    200: jsonResponse(OrderViewSchema, 'The order'),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
})

/** What a buyer (or customer service) does to an order: cancel, pay, confirm, re-address. */
export const orderActionsRouter = createRouter()
  .openapi(cancelRoute, async (c) => {
    const stub = await orderStub(c, c.req.valid('param').id)
    const reason = c.req.valid('json')?.reason
    const input = { by: callerRef(c), ...(reason ? { reason } : {}) }
    return c.json(unwrap(await stub.cancel(input)).order, 200)
  })
  .openapi(payRoute, async (c) => {
    const { id } = c.req.valid('param')
    const stub = await orderStub(c, id)
    const session = await openPaymentSession(c.env, id, callerRef(c))
    const { outcome } = await completeSandboxPayment(c.env, session.sessionId, {})
    const order = unwrap(await stub.read(callerRef(c))).order
    if (outcome !== 'paid' && order.cancelReason === 'OUT_OF_STOCK_AT_PAYMENT') {
      const message = 'the stock was gone at payment: the order is cancelled and the money refunded'
      throw new AppError('OUT_OF_STOCK_AT_PAYMENT', message, { outcome })
    }
    if (outcome !== 'paid') throw new AppError('PAYMENT_REFUSED', `payment ${outcome}`, { outcome })
    return c.json(await withLiveChildren(c.env, order, callerRef(c)), 200)
  })
  .openapi(confirmRoute, async (c) => {
    const stub = await orderStub(c, c.req.valid('param').id)
    return c.json(unwrap(await stub.perform('confirm_receipt', { by: callerRef(c) })).order, 200)
  })
  .openapi(addressRoute, async (c) => {
    const stub = await orderStub(c, c.req.valid('param').id)
    return c.json(unwrap(await stub.changeAddress(callerRef(c), c.req.valid('json'))).order, 200)
  })
