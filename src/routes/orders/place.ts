import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../auth/authenticate'
import { placeOrder } from '../../checkout/place-order'
import { createRouter } from '../../http/router'
import { errorResponses } from '../../http/schemas/error'
import { jsonBody, jsonResponse } from '../../http/schemas/json'
import { MoneySchema } from '../../http/schemas/money'
import { OrderViewSchema } from '../../http/schemas/order'
import { attributesFromBody, orderAttributesShape } from '../../http/schemas/order-attributes'
import { QuoteRequestSchema } from '../../http/schemas/quote'
export const PlaceOrderSchema = QuoteRequestSchema.extend({
  note: z.string().max(500).optional(),
  expectedPayable: MoneySchema.optional().openapi({
    description:
      'The payable the buyer confirmed on the quote; if the price moved, 409 PRICE_CHANGED',
  }),
  ...orderAttributesShape,
})
  .strict()
  .openapi('PlaceOrder')

const placeRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['orders'],
  summary: 'Place an order (idempotent per Idempotency-Key): re-prices, reserves, redeems',
  middleware: [auth('buyer')] as const,
  request: {
    headers: z.object({ 'idempotency-key': z.string().min(8).max(128) }),
    body: jsonBody(PlaceOrderSchema),
  },
  responses: {
    201: jsonResponse(OrderViewSchema, 'The order, new or as first placed with this key'),
    ...errorResponses(400, 401, 403, 409, 413, 422, 429),
  },
})

/**
 * Placement, stock first (see placeOrder): a refused attempt creates no order actor and writes
 * nothing anywhere; a retry with the same key and body answers the same order.
 */
export const orderPlacementRouter = createRouter().openapi(placeRoute, async (c) => {
  const body = c.req.valid('json')
  const key = c.req.valid('header')['idempotency-key']
  const placed = await placeOrder(c.env, c.get('principal'), key, body, attributesFromBody(body))
  if (placed.replayed) c.header('Idempotent-Replayed', 'true')
  return c.json(placed.order, 201)
})
