import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../auth/authenticate'
import { sellerCancelCodes, sellerCancelReasons } from '../../domain/seller-cancel'
import { unwrap } from '../../errors'
import { callerRef, orderStub } from '../../http/order-stub'
import { createRouter } from '../../http/router'
import { errorResponses } from '../../http/schemas/error'
import { jsonBody, jsonResponse } from '../../http/schemas/json'
import { OrderViewSchema } from '../../http/schemas/order'
import { OrderIdParams } from '../../http/schemas/params'
import { ShipSchema } from '../../http/schemas/shipment'

const SellerCancelSchema = z
  .object({
    reason: z.enum(sellerCancelReasons).openapi({
      description: 'out_of_stock, buyer_request or risk; recorded as SELLER_<REASON>',
    }),
  })
  .strict()
  .openapi('SellerCancel')

const shipRoute = createRoute({
  method: 'post',
  path: '/{id}/ship',
  tags: ['merchant'],
  summary: "Ship an order of the merchant's store (carrier and tracking number)",
  middleware: [auth('merchant', 'admin')] as const,
  request: { params: OrderIdParams, body: jsonBody(ShipSchema) },
  responses: {
    200: jsonResponse(OrderViewSchema, 'The shipped order'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const cancelRoute = createRoute({
  method: 'post',
  path: '/{id}/cancel',
  tags: ['merchant'],
  summary: "Cancel an unshipped order of the merchant's store (or as customer service)",
  description:
    'Before payment: cancelled. Paid, not yet at the warehouse: cancelled, refunded in full, stock ' +
    'back on sale, points back. At the warehouse: intercepted first; 409 INTERCEPT_FAILED once ' +
    'the goods are outbound. A merchant reaches only its own store’s orders (404 otherwise).',
  middleware: [auth('merchant', 'service', 'admin')] as const,
  request: { params: OrderIdParams, body: jsonBody(SellerCancelSchema) },
  responses: {
    200: jsonResponse(OrderViewSchema, 'The cancelled order'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

/** What a seller does to an order of its store: ship it, or stop it before it is sent. */
export const merchantActionsRouter = createRouter()
  .openapi(shipRoute, async (c) => {
    const stub = await orderStub(c, c.req.valid('param').id)
    const shipment = c.req.valid('json')
    return c.json(unwrap(await stub.perform('ship', { by: callerRef(c), shipment })).order, 200)
  })
  .openapi(cancelRoute, async (c) => {
    const stub = await orderStub(c, c.req.valid('param').id)
    const reason = sellerCancelCodes[c.req.valid('json').reason]
    return c.json(unwrap(await stub.cancel({ by: callerRef(c), reason })).order, 200)
  })
