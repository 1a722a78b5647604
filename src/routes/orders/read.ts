import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../auth/authenticate'
import { orderStatuses } from '../../domain/process/order-types'
import { unwrap } from '../../errors'
import { decodeCursor, encodeCursor } from '../../http/cursor'
import { callerRef, orderStub } from '../../http/order-stub'
import { createRouter } from '../../http/router'
import { errorResponses } from '../../http/schemas/error'
import { jsonResponse } from '../../http/schemas/json'
import { OrderEventSchema, OrderViewSchema } from '../../http/schemas/order'
import { afterSaleFilter, afterSaleStateSchema } from '../../http/schemas/order-after-sale'
import { OrderIdParams } from '../../http/schemas/params'
import { afterSaleStateOfRow } from '../../store/order-after-sale-sql'
import { listOrders } from '../../store/order-page'
import { withLiveChildren } from './live-children'

const getRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['orders'],
  summary: 'An order with its status labels for every perspective',
  middleware: [auth('buyer', 'merchant', 'warehouse', 'service', 'admin')] as const,
  request: { params: OrderIdParams },
  responses: { 200: jsonResponse(OrderViewSchema, 'The order'), ...errorResponses(401, 404) },
})

const historyRoute = createRoute({
  method: 'get',
  path: '/{id}/history',
  tags: ['orders'],
  summary: "The order actor's event log, a page at a time (oldest first)",
  middleware: [auth('buyer', 'merchant', 'warehouse', 'service', 'admin')] as const,
  request: {
    params: OrderIdParams,
    query: z.object({
      cursor: z
        .string()
        .regex(/^[0-9]{1,9}$/)
        .optional()
        .openapi({ description: 'nextCursor of the previous page' }),
      limit: z.coerce.number().int().min(1).max(200).default(100),
    }),
  },
  responses: {
    200: jsonResponse(
      z.object({
        orderId: z.string(),
        events: z.array(OrderEventSchema),
        nextCursor: z.string().nullable(),
      }),
      'Events',
    ),
    ...errorResponses(400, 401, 404),
  },
})

const OrderSummarySchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  userId: z.string(),
  storeId: z.string().nullable(),
  type: z.string(),
  status: z.string(),
  afterSale: afterSaleStateSchema,
  payable: z.object({ amount: z.number().int(), currency: z.string() }),
  paid: z.object({ amount: z.number().int(), currency: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
})

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['orders'],
  summary: "The caller's orders from history, newest first (a buyer's own, a merchant's store's)",
  middleware: [auth('buyer', 'merchant', 'warehouse', 'service', 'admin')] as const,
  request: {
    query: z.object({
      status: z.enum(orderStatuses).optional(),
      afterSale: afterSaleFilter,
      cursor: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: {
    200: jsonResponse(
      z.object({ items: z.array(OrderSummarySchema), nextCursor: z.string().nullable() }),
      'A page of orders',
    ),
    ...errorResponses(400, 401),
  },
})

/** Reading orders: one order, its event log, and the caller's list. */
export const orderReadsRouter = createRouter()
  .openapi(getRoute, async (c) => {
    const stub = await orderStub(c, c.req.valid('param').id)
    const order = unwrap(await stub.read(callerRef(c))).order
    return c.json(await withLiveChildren(c.env, order, callerRef(c)), 200)
  })
  .openapi(historyRoute, async (c) => {
    const stub = await orderStub(c, c.req.valid('param').id)
    const { cursor, limit } = c.req.valid('query')
    const page = { after: Number(cursor ?? 0), limit }
    const { order, events, nextCursor } = unwrap(await stub.history(callerRef(c), page))
    const view = events.map((e) => ({
      ...e,
      payload: JSON.parse(e.payload) as Record<string, unknown>,
      at: new Date(e.at).toISOString(),
    }))
    return c.json({ orderId: order.id, events: view, nextCursor }, 200)
  })
  .openapi(listRoute, async (c) => {
    const p = c.get('principal')
    const q = c.req.valid('query')
    const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor)
    const rows = await listOrders(c.env.DB, {
      ...(p.role === 'buyer' ? { userId: p.id } : {}),
      ...(p.role === 'merchant' && p.storeId ? { storeId: p.storeId } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.afterSale === 'open' ? { afterSaleOpen: true } : {}),
      ...(cursor ? { cursor } : {}),
      limit: q.limit + 1,
    })
    const page = rows.slice(0, q.limit)
    const last = page.at(-1)
    const items = page.map((r) => ({
      id: r.id,
      parentId: r.parent_id,
      userId: r.user_id,
      storeId: r.store_id,
      type: r.type,
      status: r.status,
      afterSale: afterSaleStateOfRow(r.open_after_sales),
      payable: { amount: r.payable_amount, currency: r.currency },
      paid: { amount: r.paid_amount, currency: r.currency },
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
    }))
    const nextCursor = rows.length > q.limit && last ? encodeCursor(last.created_at, last.id) : null
    return c.json({ items, nextCursor }, 200)
  })
