import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../auth/authenticate'
import { afterSaleTypes } from '../../domain/process/after-sale-types'
import { unwrap } from '../../errors'
import { afterSaleAction } from '../../http/after-sale-action'
import { callerRef, orderStub } from '../../http/order-stub'
import { createRouter } from '../../http/router'
import {
  AfterSaleLinesSchema,
  AfterSaleSchema,
  ReasonCodeSchema,
} from '../../http/schemas/after-sale'
import { errorResponses } from '../../http/schemas/error'
import { jsonBody, jsonResponse } from '../../http/schemas/json'
import { AfterSaleParams, OrderIdParams } from '../../http/schemas/params'
import { ShipSchema } from '../../http/schemas/shipment'

const OpenAfterSaleSchema = z
  .object({
    type: z.enum(afterSaleTypes),
    lines: AfterSaleLinesSchema,
    reason: z.string().min(1).max(500),
    reasonCode: ReasonCodeSchema.optional(),
  })
  .strict()
  .openapi('OpenAfterSale')

const openRoute = createRoute({
  method: 'post',
  path: '/{id}/after-sales',
  tags: ['after-sales'],
  summary: 'Ask for a refund, a return and refund, an exchange or a repair of some units',
  middleware: [auth('buyer', 'service', 'admin')] as const,
  request: { params: OrderIdParams, body: jsonBody(OpenAfterSaleSchema) },
  responses: {
    201: jsonResponse(AfterSaleSchema, 'The after-sale, awaiting the merchant'),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
})

const listRoute = createRoute({
  method: 'get',
  path: '/{id}/after-sales',
  tags: ['after-sales'],
  summary: "An order's after-sales, oldest first",
  middleware: [auth('buyer', 'merchant', 'service', 'admin')] as const,
  request: { params: OrderIdParams },
  responses: {
    200: jsonResponse(z.object({ items: z.array(AfterSaleSchema) }), 'After-sales'),
    ...errorResponses(401, 403, 404),
  },
})

const shipBackRoute = createRoute({
  method: 'post',
  path: '/{id}/after-sales/{asId}/ship-back',
  tags: ['after-sales'],
  summary: 'The buyer sent the goods back (carrier and tracking number)',
  middleware: [auth('buyer', 'service')] as const,
  request: { params: AfterSaleParams, body: jsonBody(ShipSchema) },
  responses: {
    200: jsonResponse(AfterSaleSchema, 'The after-sale'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

/** The buyer's side of after-sales: asking, reading, sending the goods back. */
export const orderAfterSalesRouter = createRouter()
  .openapi(openRoute, async (c) => {
    const stub = await orderStub(c, c.req.valid('param').id)
    const body = c.req.valid('json')
    const opened = await stub.openAfterSale({ by: callerRef(c), ...body })
    return c.json(unwrap(opened).afterSale, 201)
  })
  .openapi(listRoute, async (c) => {
    const stub = await orderStub(c, c.req.valid('param').id)
    const { afterSales } = unwrap(await stub.afterSales(callerRef(c)))
    return c.json({ items: afterSales }, 200)
  })
  .openapi(shipBackRoute, async (c) =>
    c.json(await afterSaleAction(c, 'ship_return', c.req.valid('json')), 200),
  )
