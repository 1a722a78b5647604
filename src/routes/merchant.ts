import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../auth/authenticate'
import { unwrap } from '../errors'
import { callerRef, orderStub } from '../http/order-stub'
import { createRouter } from '../http/router'
import { errorResponses, jsonBody, jsonResponse, OrderViewSchema } from '../http/schemas'

export const ShipSchema = z
  .object({
    carrier: z.string().min(1).max(64).openapi({ example: 'SF' }),
    trackingNumber: z.string().min(1).max(64).openapi({ example: 'SF1234567890' }),
  })
  .strict()
  .openapi('Ship')

const shipRoute = createRoute({
  method: 'post',
  path: '/v1/merchant/orders/{id}/ship',
  tags: ['merchant'],
  summary: "Ship an order of the merchant's store (carrier and tracking number)",
  middleware: [auth('merchant', 'admin')] as const,
  request: {
    params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) }),
    body: jsonBody(ShipSchema),
  },
  responses: {
    200: jsonResponse(OrderViewSchema, 'The shipped order'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

export const merchantRouter = createRouter().openapi(shipRoute, async (c) => {
  const stub = await orderStub(c, c.req.valid('param').id)
  const shipment = c.req.valid('json')
  return c.json(unwrap(await stub.perform('ship', { by: callerRef(c), shipment })).order, 200)
})
