import { createRoute, z } from '@hono/zod-openapi'
import type { LineFailure, LineKey, StockNamespace } from '../../../durable-objects/stock/client'
import {
  rebalanceLine,
  restockLine,
  setOnHandLine,
  totals,
} from '../../../durable-objects/stock/client'
import { auth } from '../../auth/authenticate'
import { sumCounts } from '../../domain/stock/counts'
import { AppError } from '../../errors'
import { createRouter } from '../../http/router'
import { errorResponses } from '../../http/schemas/error'
import { IdSchema } from '../../http/schemas/id'
import { jsonBody, jsonResponse } from '../../http/schemas/json'
import { IdParams } from '../../http/schemas/params'
import { forgetSoldOut } from '../../http/sold-out-hint'
import {
  evictStockPlans,
  findSkuBuckets,
  findStockPlans,
  setSkuBuckets,
  setStockPolicy,
} from '../../store/inventory'

const CountsSchema = z
  .object({
    received: z.number().int(),
    available: z.number().int(),
    reserved: z.number().int(),
    sold: z.number().int(),
  })
  .openapi('StockCounts', { description: 'received = available + reserved + sold' })

const PolicySchema = z
  .object({
    deduction: z.enum(['on_place', 'on_pay']),
    perBuyerLimit: z.number().int().min(1).max(1_000_000).nullable(),
  })
  .strict()
  .openapi('StockPolicy')

const quantity = z.number().int().min(0).max(1_000_000_000)
const lineParams = IdParams.extend({
  warehouseId: IdSchema.openapi({ param: { name: 'warehouseId', in: 'path' } }),
})

const WarehouseStockSchema = z.object({
  warehouseId: z.string(),
  buckets: z.number().int(),
  counts: CountsSchema,
  bucketCounts: z.array(CountsSchema),
})

const linePath = '/{id}/{warehouseId}'

/** The stock actors of a SKU in a warehouse, or 404 when it is not stocked there. */
async function lineKey(db: D1Database, skuId: string, warehouseId: string): Promise<LineKey> {
  const buckets = await findSkuBuckets(db, skuId, warehouseId)
  if (buckets === null) {
    throw new AppError('NOT_FOUND', `SKU ${skuId} is not stocked in warehouse ${warehouseId}`)
  }
  return { skuId, warehouseId, buckets }
}

async function skuPlan(db: D1Database, skuId: string) {
  const plan = (await findStockPlans(db, [skuId])).get(skuId)
  if (!plan) throw new AppError('NOT_FOUND', `no SKU ${skuId}`)
  return plan
}

function refusal(f: LineFailure): AppError {
  if (f.code === 'INVALID_REQUEST') return new AppError('VALIDATION_FAILED', 'bad stock request')
  if (f.code === 'RECEIPT_CONFLICT') {
    const message = `body receiptId: already received with qty ${f.recorded ?? 0}`
    return new AppError('CONFLICT', message, { field: 'receiptId', qty: f.recorded ?? 0 })
  }
  return new AppError('CONFLICT', `stock refused: ${f.code}`, { reason: f.code })
}

async function growBuckets(db: D1Database, skuId: string, warehouseId: string, buckets: number) {
  const now = await setSkuBuckets(db, skuId, warehouseId, buckets, Date.now())
  evictStockPlans(skuId)
  if (now === 0) throw new AppError('NOT_FOUND', `no warehouse ${warehouseId}`)
  if (now > buckets) {
    throw new AppError('CONFLICT', `bucket counts only grow; it is ${now}`, { buckets: now })
  }
}

/** The view after a stock write; a SKU that just got units is no longer hinted sold out. */
async function lineView(ns: StockNamespace, key: LineKey) {
  forgetSoldOut(key.skuId)
  const t = await totals(ns, key)
  return {
    warehouseId: key.warehouseId,
    buckets: key.buckets,
    counts: t.counts,
    bucketCounts: t.buckets,
  }
}

/** `/v1/admin/stock`: a SKU's deduction policy, its counts, receipts and buckets. */
export const adminStockRouter = createRouter()
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}/policy',
      tags: ['stock'],
      summary: 'How the SKU deducts stock (on_place or on_pay) and its per-buyer limit',
      middleware: [auth('admin')] as const,
      request: { params: IdParams, body: jsonBody(PolicySchema) },
      responses: {
        200: jsonResponse(PolicySchema, 'The policy'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await skuPlan(c.env.DB, id)
      await setStockPolicy(c.env.DB, id, c.req.valid('json'), Date.now())
      evictStockPlans(id)
      return c.json(c.req.valid('json'), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['stock'],
      summary: "A SKU's policy and counts per warehouse, summed over its buckets",
      middleware: [auth('admin', 'warehouse', 'service')] as const,
      request: { params: IdParams },
      responses: {
        200: jsonResponse(
          PolicySchema.extend({
            skuId: z.string(),
            counts: CountsSchema,
            warehouses: z.array(WarehouseStockSchema),
          }),
          'Stock of the SKU',
        ),
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const plan = await skuPlan(c.env.DB, id)
      const warehouses = await Promise.all(
        plan.warehouses.map((w) => lineView(c.env.STOCK_ACTOR, { skuId: id, ...w })),
      )
      const counts = sumCounts(warehouses.map((w) => w.counts))
      const { deduction, perBuyerLimit } = plan
      return c.json({ skuId: id, deduction, perBuyerLimit, counts, warehouses }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: linePath,
      tags: ['stock'],
      summary: 'Stock a SKU in a warehouse: bucket count (grows only) and/or on hand from a count',
      description:
        'buckets spreads the SKU over N stock actors; onHand sets available + reserved, spread ' +
        'evenly over the buckets. An absolute write: use receipts for deltas while selling.',
      middleware: [auth('admin')] as const,
      request: {
        params: lineParams,
        body: jsonBody(
          z
            .object({
              buckets: z.number().int().min(1).max(1024).optional(),
              onHand: quantity.optional(),
            })
            .strict()
            .refine((b) => b.buckets !== undefined || b.onHand !== undefined, {
              message: 'give buckets, onHand or both',
            }),
        ),
      },
      responses: {
        200: jsonResponse(WarehouseStockSchema, 'The stock of the SKU there'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id, warehouseId } = c.req.valid('param')
      const { buckets, onHand } = c.req.valid('json')
      await skuPlan(c.env.DB, id)
      if (buckets !== undefined) await growBuckets(c.env.DB, id, warehouseId, buckets)
      const key = await lineKey(c.env.DB, id, warehouseId)
      if (onHand !== undefined) {
        const set = await setOnHandLine(c.env.STOCK_ACTOR, { ...key, onHand })
        if (!set.ok) throw refusal(set)
      }
      return c.json(await lineView(c.env.STOCK_ACTOR, key), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: `${linePath}/receipts`,
      tags: ['stock'],
      summary: 'Receive goods or returns; a retried receipt id counts once',
      middleware: [auth('admin', 'warehouse')] as const,
      request: {
        params: lineParams,
        body: jsonBody(z.object({ receiptId: IdSchema, qty: quantity.min(1) }).strict()),
      },
      responses: {
        200: jsonResponse(WarehouseStockSchema, 'The stock after the receipt'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id, warehouseId } = c.req.valid('param')
      const { receiptId, qty } = c.req.valid('json')
      const key = await lineKey(c.env.DB, id, warehouseId)
      const received = await restockLine(c.env.STOCK_ACTOR, { ...key, opId: receiptId, qty })
      if (!received.ok) throw refusal(received)
      return c.json(await lineView(c.env.STOCK_ACTOR, key), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: `${linePath}/rebalance`,
      tags: ['stock'],
      summary: 'Even available units out over the buckets; rerun the same id after a failure',
      middleware: [auth('admin')] as const,
      request: { params: lineParams, body: jsonBody(z.object({ rebalanceId: IdSchema }).strict()) },
      responses: {
        200: jsonResponse(WarehouseStockSchema, 'The stock after the moves'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id, warehouseId } = c.req.valid('param')
      const key = await lineKey(c.env.DB, id, warehouseId)
      const moved = await rebalanceLine(c.env.STOCK_ACTOR, { ...key, ...c.req.valid('json') })
      if (!moved.ok) throw refusal(moved)
      return c.json(await lineView(c.env.STOCK_ACTOR, key), 200)
    },
  )
