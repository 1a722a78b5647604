import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../auth/authenticate'
import { unwrap } from '../../errors'
import { callerRef, orderStub } from '../../http/order-stub'
import { createRouter } from '../../http/router'
import { AfterSaleLinesSchema } from '../../http/schemas/after-sale'
import { errorResponses } from '../../http/schemas/error'
import { jsonBody, jsonResponse } from '../../http/schemas/json'
import { OrderViewSchema } from '../../http/schemas/order'
import { OrderIdParams } from '../../http/schemas/params'

const CancelLinesSchema = z
  .object({ lines: AfterSaleLinesSchema, reason: z.string().min(1).max(200) })
  .strict()
  .openapi('CancelLines')

const cancelLinesRoute = createRoute({
  method: 'post',
  path: '/{id}/cancel-lines',
  tags: ['orders'],
  summary: 'Cancel some units of a paid, unshipped order (idempotent per Idempotency-Key)',
  description:
    'The cancelled units are refunded exactly (their share of the line’s final amount by ' +
    'largest remainder, as a return pays), their stock goes back on sale, points come back in ' +
    'proportion, coupons stay with the order; the rest ships. Once the warehouse holds the ' +
    'order it is told first (409 once the goods are outbound). Cancelling every unit left ' +
    'cancels the order, freight refunded too. The buyer, the store’s merchant (404 for ' +
    'another store’s order) and customer service may cancel.',
  middleware: [auth('buyer', 'merchant', 'service', 'admin')] as const,
  request: {
    params: OrderIdParams,
    headers: z.object({ 'idempotency-key': z.string().min(8).max(128) }),
    body: jsonBody(CancelLinesSchema),
  },
  responses: {
    200: jsonResponse(OrderViewSchema, 'The order with its partial cancels, or cancelled whole'),
    ...errorResponses(400, 401, 403, 404, 409, 422, 429),
  },
})

/** Partial cancel before shipment: some lines or some units of a line. */
export const orderCancelLinesRouter = createRouter().openapi(cancelLinesRoute, async (c) => {
  const stub = await orderStub(c, c.req.valid('param').id)
  const { lines, reason } = c.req.valid('json')
  const idempotencyKey = c.req.valid('header')['idempotency-key']
  const done = await stub.cancelLines({ by: callerRef(c), idempotencyKey, lines, reason })
  return c.json(unwrap(done).order, 200)
})
