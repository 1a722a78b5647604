import { createRoute, z } from '@hono/zod-openapi'
import { totals } from '../../durable-objects/stock-inventory'
import { createRouter } from '../http/router'
import { errorResponses, IdSchema, jsonResponse } from '../http/schemas'
import { findStockPlans } from '../store/inventory'

// A storefront polls this on every product page during a sale: answer from isolate memory for a
// second rather than asking every bucket actor each time.
const ttlMs = 1_000
const cache = new Map<string, { at: number; available: number }>()

const AvailabilitySchema = z
  .object({ skuId: z.string(), available: z.number().int(), soldOut: z.boolean() })
  .openapi('Availability')

const route = createRoute({
  method: 'get',
  path: '/v1/stock/{skuId}',
  tags: ['stock'],
  summary: 'Units a buyer can order now, over every warehouse (may lag by a second)',
  request: {
    params: z.object({ skuId: IdSchema.openapi({ param: { name: 'skuId', in: 'path' } }) }),
  },
  responses: { 200: jsonResponse(AvailabilitySchema, 'Availability'), ...errorResponses(400) },
})

export const stockPublicRouter = createRouter().openapi(route, async (c) => {
  const { skuId } = c.req.valid('param')
  const now = Date.now()
  const hit = cache.get(skuId)
  let available = hit && now - hit.at < ttlMs ? hit.available : -1
  if (available < 0) {
    const plan = (await findStockPlans(c.env.DB, [skuId])).get(skuId)
    const lines = await Promise.all(
      (plan?.warehouses ?? []).map((w) => totals(c.env.STOCK_ACTOR, { skuId, ...w })),
    )
    available = lines.reduce((n, t) => n + t.counts.available, 0)
    cache.set(skuId, { at: now, available })
  }
  return c.json({ skuId, available, soldOut: available === 0 }, 200)
})
