import { createRoute, z } from '@hono/zod-openapi'
import { totals } from '../../durable-objects/stock/client'
import type { Env } from '../env'
import { AppError } from '../errors'
import { createRouter } from '../http/router'
import { errorResponses } from '../http/schemas/error'
import { IdSchema } from '../http/schemas/id'
import { jsonResponse } from '../http/schemas/json'
import { findStockPlans } from '../store/inventory'

// A storefront polls this on every product page during a sale: answer from isolate memory for a
// second rather than asking every bucket actor each time.
const ttlMs = 1_000
const cache = new Map<string, { at: number; available: number | null }>()

const AvailabilitySchema = z
  .object({ skuId: z.string(), available: z.number().int(), soldOut: z.boolean() })
  .openapi('Availability')

const route = createRoute({
  method: 'get',
  path: '/{skuId}',
  tags: ['stock'],
  summary: 'Units a buyer can order now, over every warehouse (may lag by a second)',
  security: [],
  request: {
    params: z.object({ skuId: IdSchema.openapi({ param: { name: 'skuId', in: 'path' } }) }),
  },
  responses: { 200: jsonResponse(AvailabilitySchema, 'Availability'), ...errorResponses(400, 404) },
})

/** Units available now, or null for a SKU the catalog does not have; both cached a second. */
async function availability(env: Env, skuId: string, now: number): Promise<number | null> {
  const hit = cache.get(skuId)
  if (hit && now - hit.at < ttlMs) return hit.available
  const plan = (await findStockPlans(env.DB, [skuId])).get(skuId)
  const lines = await Promise.all(
    (plan?.warehouses ?? []).map((w) => totals(env.STOCK_ACTOR, { skuId, ...w })),
  )
  const available = plan ? lines.reduce((n, t) => n + t.counts.available, 0) : null
  cache.set(skuId, { at: now, available })
  return available
}

/** `/v1/stock`: what a storefront may show of stock, without a token. */
export const stockRouter = createRouter().openapi(route, async (c) => {
  const { skuId } = c.req.valid('param')
  const available = await availability(c.env, skuId, Date.now())
  if (available === null) throw new AppError('NOT_FOUND', `no SKU ${skuId}`)
  return c.json({ skuId, available, soldOut: available === 0 }, 200)
})
