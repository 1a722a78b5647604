import { createRoute } from '@hono/zod-openapi'
import { wmsAdapter } from '../adapters/wms-provider'
import { auth } from '../auth/authenticate'
import { AppError, unwrap } from '../errors'
import { callerRef, orderStub } from '../http/order-stub'
import { createRouter } from '../http/router'
import { errorResponses } from '../http/schemas/error'
import { jsonBody, jsonResponse } from '../http/schemas/json'
import { OrderViewSchema } from '../http/schemas/order'
import { OrderIdParams } from '../http/schemas/params'
import { ShipSchema } from '../http/schemas/shipment'

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

/** `/v1/warehouse/orders`: what the warehouse reports as it picks and ships an order. */
export const warehouseOrdersRouter = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/picking',
      tags: ['warehouse'],
      summary: 'The warehouse started picking the order',
      middleware: [auth('warehouse', 'admin')] as const,
      request: { params: OrderIdParams },
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
      path: '/{id}/outbound',
      tags: ['warehouse'],
      summary: 'The goods left the warehouse with this carrier and tracking number: shipped',
      middleware: [auth('warehouse', 'admin')] as const,
      request: { params: OrderIdParams, body: jsonBody(ShipSchema) },
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
