import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../app-env'
import { auth } from '../auth/authenticate'
import type { CallerRole } from '../auth/principal'
import type { Json } from '../domain/order'
import { afterSaleStatuses, afterSaleTypes } from '../domain/process/after-sale-types'
import { unwrap } from '../errors'
import { callerRef, orderStub } from '../http/order-stub'
import { createRouter } from '../http/router'
import { errorResponses, jsonBody, jsonResponse, MoneySchema } from '../http/schemas'
import { ShipSchema } from './merchant'

const orderParams = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) })
const afterSaleParams = orderParams.extend({
  asId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'asId', in: 'path' } }),
})

/** The units an after-sale is about: line numbers of the order and how many of each. */
export const AfterSaleLinesSchema = z
  .array(
    z
      .object({
        lineNo: z.number().int().positive(),
        qty: z.number().int().positive().max(100_000),
      })
      .strict(),
  )
  .min(1)
  .max(100)

const OpenAfterSaleSchema = z
  .object({
    type: z.enum(afterSaleTypes),
    lines: AfterSaleLinesSchema,
    reason: z.string().min(1).max(500),
  })
  .strict()
  .openapi('OpenAfterSale')

const RejectSchema = z
  .object({ reason: z.string().min(1).max(500) })
  .strict()
  .openapi('RejectAfterSale')

const LabelSchema = z.object({ en: z.string(), zh: z.string() })

export const AfterSaleSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    type: z.enum(afterSaleTypes),
    typeLabel: LabelSchema,
    status: z.enum(afterSaleStatuses),
    labels: z.object({
      buyer: LabelSchema,
      merchant: LabelSchema,
      warehouse: LabelSchema,
      service: LabelSchema,
    }),
    lines: z.array(z.object({ lineNo: z.number().int(), qty: z.number().int() })),
    reason: z.string(),
    requestedBy: z.object({ role: z.string(), id: z.string() }),
    returnShipment: z.object({ carrier: z.string(), trackingNumber: z.string() }).nullable(),
    refund: z
      .object({
        total: MoneySchema,
        items: MoneySchema,
        freight: MoneySchema,
        points: z.number().int(),
        closesOrder: z.boolean(),
        lines: z.array(
          z.object({ lineNo: z.number().int(), qty: z.number().int(), amount: MoneySchema }),
        ),
        payments: z.array(
          z.object({ paymentId: z.string(), amount: MoneySchema, done: z.boolean() }),
        ),
      })
      .nullable()
      .openapi({ description: 'Fixed when the refund commits; null before and for exchanges' }),
    replacementOrderId: z.string().nullable(),
    rejectReason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('AfterSale')

const openRoute = createRoute({
  method: 'post',
  path: '/v1/orders/{id}/after-sales',
  tags: ['after-sales'],
  summary: 'Ask for a refund, a return and refund, or an exchange of some units of an order',
  middleware: [auth('buyer', 'service', 'admin')] as const,
  request: { params: orderParams, body: jsonBody(OpenAfterSaleSchema) },
  responses: {
    201: jsonResponse(AfterSaleSchema, 'The after-sale, awaiting the merchant'),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
})

const listRoute = createRoute({
  method: 'get',
  path: '/v1/orders/{id}/after-sales',
  tags: ['after-sales'],
  summary: "An order's after-sales, oldest first",
  middleware: [auth('buyer', 'merchant', 'service', 'admin')] as const,
  request: { params: orderParams },
  responses: {
    200: jsonResponse(z.object({ items: z.array(AfterSaleSchema) }), 'After-sales'),
    ...errorResponses(401, 403, 404),
  },
})

const shipBackRoute = createRoute({
  method: 'post',
  path: '/v1/orders/{id}/after-sales/{asId}/ship-back',
  tags: ['after-sales'],
  summary: 'The buyer sent the goods back (carrier and tracking number)',
  middleware: [auth('buyer', 'service')] as const,
  request: { params: afterSaleParams, body: jsonBody(ShipSchema) },
  responses: {
    200: jsonResponse(AfterSaleSchema, 'The after-sale'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

/** A merchant-side step on one after-sale; `roles` are those the step's table admits. */
function merchantRoute(step: string, summary: string, roles: CallerRole[]) {
  return createRoute({
    method: 'post',
    path: `/v1/merchant/orders/{id}/after-sales/{asId}/${step}`,
    tags: ['after-sales'],
    summary,
    middleware: [auth(...roles)] as const,
    request: { params: afterSaleParams },
    responses: {
      200: jsonResponse(AfterSaleSchema, 'The after-sale'),
      ...errorResponses(400, 401, 403, 404, 409, 422),
    },
  })
}

const reviewers: CallerRole[] = ['merchant', 'service', 'admin']

const rejectRoute = createRoute({
  method: 'post',
  path: '/v1/merchant/orders/{id}/after-sales/{asId}/reject',
  tags: ['after-sales'],
  summary: 'Refuse an after-sale, with a reason',
  middleware: [auth(...reviewers)] as const,
  request: { params: afterSaleParams, body: jsonBody(RejectSchema) },
  responses: {
    200: jsonResponse(AfterSaleSchema, 'The rejected after-sale'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})
const handlers: CallerRole[] = ['merchant', 'warehouse', 'service', 'admin']

/** One after-sale action through the order actor, which checks who may see and do it. */
async function act(c: Context<AppEnv>, action: string, payload: { [k: string]: Json } = {}) {
  const { id, asId } = afterSaleParams.parse(c.req.param())
  const stub = await orderStub(c, id)
  const input = { by: callerRef(c), afterSaleId: asId, action, payload }
  return unwrap(await stub.afterSaleAction(input)).afterSale
}

export const afterSalesRouter = createRouter()
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
    c.json(await act(c, 'ship_return', c.req.valid('json')), 200),
  )
  .openapi(merchantRoute('approve', 'Approve an after-sale', reviewers), async (c) =>
    c.json(await act(c, 'approve'), 200),
  )
  .openapi(rejectRoute, async (c) => c.json(await act(c, 'reject', c.req.valid('json')), 200))
  .openapi(merchantRoute('receive', 'The returned goods arrived', handlers), async (c) =>
    c.json(await act(c, 'receive_return'), 200),
  )
  .openapi(
    merchantRoute('send-exchange', "Send an exchange's zero-value replacement order", handlers),
    async (c) => c.json(await act(c, 'send_exchange'), 200),
  )
