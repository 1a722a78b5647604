import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../auth/authenticate'
import { sellerCancelCodes, sellerCancelReasons } from '../domain/seller-cancel'
import { unwrap } from '../errors'
import { callerRef, orderStub } from '../http/order-stub'
import { createRouter } from '../http/router'
import { errorResponses, jsonBody, jsonResponse, OrderViewSchema } from '../http/schemas'
import { AfterSaleLinesSchema, AfterSaleSchema } from './after-sales'

const idParams = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) })

const SellerCancelSchema = z
  .object({
    reason: z.enum(sellerCancelReasons).openapi({
      description: 'out_of_stock, buyer_request or risk; recorded as SELLER_<REASON>',
    }),
  })
  .strict()
  .openapi('SellerCancel')

const SellerRefundSchema = z
  .object({
    type: z.enum(['refund_only']),
    lines: AfterSaleLinesSchema,
    reason: z.string().min(1).max(500),
  })
  .strict()
  .openapi('SellerRefund')

const cancelRoute = createRoute({
  method: 'post',
  path: '/v1/merchant/orders/{id}/cancel',
  tags: ['merchant'],
  summary: "Cancel an unshipped order of the merchant's store (or as customer service)",
  description:
    'Before payment: cancelled. Paid, not yet at the warehouse: cancelled, refunded in full, stock ' +
    'back on sale, points back. At the warehouse: intercepted first; 409 INTERCEPT_FAILED once ' +
    'the goods are outbound. A merchant reaches only its own store’s orders (404 otherwise).',
  middleware: [auth('merchant', 'service', 'admin')] as const,
  request: { params: idParams, body: jsonBody(SellerCancelSchema) },
  responses: {
    200: jsonResponse(OrderViewSchema, 'The cancelled order'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const refundRoute = createRoute({
  method: 'post',
  path: '/v1/merchant/orders/{id}/after-sales',
  tags: ['after-sales'],
  summary: 'Start a refund only for the buyer, approved by the caller (merchant or service)',
  description:
    'Opens a refund-only after-sale on some units of a shipped or received order and approves ' +
    'it at once, so the refund goes out as if the buyer had asked and the merchant agreed.',
  middleware: [auth('merchant', 'service', 'admin')] as const,
  request: { params: idParams, body: jsonBody(SellerRefundSchema) },
  responses: {
    201: jsonResponse(AfterSaleSchema, 'The refund, approved'),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
})

/** Reverse flows a seller starts: stopping an unsent order, giving money back. */
export const sellerActionsRouter = createRouter()
  .openapi(cancelRoute, async (c) => {
    const stub = await orderStub(c, c.req.valid('param').id)
    const reason = sellerCancelCodes[c.req.valid('json').reason]
    return c.json(unwrap(await stub.cancel({ by: callerRef(c), reason })).order, 200)
  })
  .openapi(refundRoute, async (c) => {
    const stub = await orderStub(c, c.req.valid('param').id)
    const { lines, reason } = c.req.valid('json')
    const started = await stub.startRefund({ by: callerRef(c), lines, reason })
    return c.json(unwrap(started).afterSale, 201)
  })
