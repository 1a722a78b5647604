import { createRoute, z } from '@hono/zod-openapi'
import { wmsAdapter } from '../adapters/wms-provider'
import { auth } from '../auth/authenticate'
import { AppError, unwrap } from '../errors'
import { callerRef, orderStub } from '../http/order-stub'
import { createRouter } from '../http/router'
import {
  AddressSchema,
  errorResponses,
  jsonBody,
  jsonResponse,
  OrderViewSchema,
} from '../http/schemas'
import { ShipSchema } from './merchant'

const idParams = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) })

/** The WMS moves first: what it refuses (intercepted, never received) never reaches the order. */
async function advanceWms(
  env: Parameters<typeof wmsAdapter>[0],
  id: string,
  step: 'picking' | 'outbound',
  shipment?: { carrier: string; trackingNumber: string },
) {
  const moved = await wmsAdapter(env).advance(id, step, shipment)
  if (!moved.ok) throw new AppError('CONFLICT', moved.message, { wms: moved.code })
}

export const warehouseRouter = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/warehouse/orders/{id}/picking',
      tags: ['warehouse'],
      summary: 'The warehouse started picking the order',
      middleware: [auth('warehouse', 'admin')] as const,
      request: { params: idParams },
      responses: {
        200: jsonResponse(OrderViewSchema, 'The order'),
        ...errorResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const stub = await orderStub(c, id)
      await advanceWms(c.env, id, 'picking')
      return c.json(
        unwrap(await stub.warehouseReport({ by: callerRef(c), step: 'pick' })).order,
        200,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/warehouse/orders/{id}/outbound',
      tags: ['warehouse'],
      summary: 'The goods left the warehouse with this carrier and tracking number: shipped',
      middleware: [auth('warehouse', 'admin')] as const,
      request: { params: idParams, body: jsonBody(ShipSchema) },
      responses: {
        200: jsonResponse(OrderViewSchema, 'The shipped order'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const stub = await orderStub(c, id)
      const shipment = c.req.valid('json')
      await advanceWms(c.env, id, 'outbound', shipment)
      const report = { by: callerRef(c), step: 'outbound' as const, shipment }
      return c.json(unwrap(await stub.warehouseReport(report)).order, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/orders/{id}/address',
      tags: ['orders'],
      summary: 'Change the ship-to address: allowed until the goods are outbound (then 409)',
      middleware: [auth('buyer', 'service', 'admin')] as const,
      request: { params: idParams, body: jsonBody(AddressSchema) },
      responses: {
        200: jsonResponse(OrderViewSchema, 'The order'),
        ...errorResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const stub = await orderStub(c, c.req.valid('param').id)
      return c.json(unwrap(await stub.changeAddress(callerRef(c), c.req.valid('json'))).order, 200)
    },
  )
