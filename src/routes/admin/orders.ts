import { createRoute, z } from '@hono/zod-openapi'
import { auth } from '../../auth/authenticate'
import { deliveryMethods, invoiceTypes, sourceChannels } from '../../domain/order-attributes'
import { orderStatuses } from '../../domain/process/order-types'
import { decodeCursor, encodeCursor } from '../../http/cursor'
import { createRouter } from '../../http/router'
import { errorResponses } from '../../http/schemas/error'
import { IdSchema } from '../../http/schemas/id'
import { jsonResponse } from '../../http/schemas/json'
import { MoneySchema } from '../../http/schemas/money'
import { afterSaleFilter, afterSaleStateSchema } from '../../http/schemas/order-after-sale'
import { reportQuery } from '../../http/schemas/report-query'
import { epochOf, queryFieldError } from '../../reports/params'
import { afterSaleStateOfRow } from '../../store/order-after-sale-sql'
import { listOrders, type OrderSummaryRow } from '../../store/order-page'

const AdminOrderSchema = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    userId: z.string(),
    storeId: z.string().nullable(),
    type: z.string(),
    status: z.string(),
    afterSale: afterSaleStateSchema,
    channel: z.enum(sourceChannels).nullable(),
    delivery: z.enum(deliveryMethods).nullable(),
    invoice: z.enum(invoiceTypes).nullable().openapi({ description: 'The invoice type asked for' }),
    payable: MoneySchema,
    paid: MoneySchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('AdminOrderSummary')

const route = createRoute({
  method: 'get',
  path: '/',
  tags: ['admin'],
  summary:
    'Search every order in history by status, store, buyer, channel, delivery, invoice and date',
  description:
    '`from`/`to` bound created_at, half-open; a date is midnight at `tz` minutes east of UTC. ' +
    'Pass `nextCursor` back as `cursor` for the next page.',
  middleware: [auth('admin')] as const,
  request: {
    query: z.object({
      status: z.enum(orderStatuses).optional(),
      afterSale: afterSaleFilter,
      channel: z.enum(sourceChannels).optional(),
      delivery: z.enum(deliveryMethods).optional(),
      invoice: z
        .enum(['requested', 'none'])
        .optional()
        .openapi({ description: 'requested: an invoice was asked for; none: it was not' }),
      storeId: IdSchema.optional(),
      userId: z.string().min(1).max(128).optional(),
      from: reportQuery.from,
      to: reportQuery.to,
      tz: reportQuery.tz,
      cursor: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: {
    200: jsonResponse(
      z.object({ items: z.array(AdminOrderSchema), nextCursor: z.string().nullable() }),
      'A page of orders',
    ),
    ...errorResponses(400, 401, 403),
  },
})

function summary(r: OrderSummaryRow) {
  return {
    id: r.id,
    parentId: r.parent_id,
    userId: r.user_id,
    storeId: r.store_id,
    type: r.type,
    status: r.status,
    afterSale: afterSaleStateOfRow(r.open_after_sales),
    channel: r.channel,
    delivery: r.delivery,
    invoice: r.invoice_type,
    payable: { amount: r.payable_amount, currency: r.currency },
    paid: { amount: r.paid_amount, currency: r.currency },
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  }
}

/** Only the bounds the caller gave; an open end stays open rather than defaulting to 30 days. */
function createdRange(q: { from?: string | undefined; to?: string | undefined; tz: number }) {
  const from = q.from === undefined ? undefined : epochOf('from', q.from, q.tz)
  const to = q.to === undefined ? undefined : epochOf('to', q.to, q.tz)
  if (from !== undefined && to !== undefined && !(from < to)) {
    throw queryFieldError('to', 'must be after from')
  }
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) }
}

/** `/v1/admin/orders`: every order in history, searched. */
export const adminOrdersRouter = createRouter().openapi(route, async (c) => {
  const q = c.req.valid('query')
  const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor)
  const rows = await listOrders(c.env.DB, {
    ...(q.status ? { status: q.status } : {}),
    ...(q.afterSale === 'open' ? { afterSaleOpen: true } : {}),
    ...(q.storeId ? { storeId: q.storeId } : {}),
    ...(q.userId ? { userId: q.userId } : {}),
    ...(q.channel ? { channel: q.channel } : {}),
    ...(q.delivery ? { delivery: q.delivery } : {}),
    ...(q.invoice ? { invoice: q.invoice } : {}),
    ...createdRange(q),
    ...(cursor ? { cursor } : {}),
    limit: q.limit + 1,
  })
  const page = rows.slice(0, q.limit)
  const last = page.at(-1)
  const nextCursor = rows.length > q.limit && last ? encodeCursor(last.created_at, last.id) : null
  return c.json({ items: page.map(summary), nextCursor }, 200)
})
