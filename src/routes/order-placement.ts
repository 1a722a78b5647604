import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../app-env'
import { auth } from '../auth/authenticate'
import { priceCart } from '../checkout/price-cart'
import { quoteView } from '../checkout/quote-view'
import { velocityLimit } from '../config'
import { applyPricing, draftOrder } from '../domain/order-draft'
import { AppError, failureOf, unwrap } from '../errors'
import { createRouter } from '../http/router'
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  MoneySchema,
  OrderViewSchema,
} from '../http/schemas'
import { knownSoldOut, markSoldOut } from '../http/sold-out-hint'
import { stockPlanOf } from '../http/stock-plan'
import { orderIdFor, orderIdKeyring, sha256Hex } from '../ids'
import { QuoteRequestSchema } from './checkout'

export const PlaceOrderSchema = QuoteRequestSchema.extend({
  note: z.string().max(500).optional(),
  expectedPayable: MoneySchema.optional().openapi({
    description:
      'The payable the buyer confirmed on the quote; if the price moved, 409 PRICE_CHANGED',
  }),
})
  .strict()
  .openapi('PlaceOrder')

const placeRoute = createRoute({
  method: 'post',
  path: '/v1/orders',
  tags: ['orders'],
  summary: 'Place an order (idempotent per Idempotency-Key): re-prices, reserves, redeems',
  middleware: [auth('buyer')] as const,
  request: {
    headers: z.object({ 'idempotency-key': z.string().min(8).max(128) }),
    body: jsonBody(PlaceOrderSchema),
  },
  responses: {
    201: jsonResponse(OrderViewSchema, 'The order, new or as first placed with this key'),
    ...errorResponses(400, 401, 403, 409, 413, 422, 429),
  },
})

type Stub = ReturnType<AppEnv['Bindings']['ORDER_ACTOR']['get']>

/**
 * The actor died mid-placement (reset, deployed over, crashed): what it took is given back by its
 * alarm, or resumed by a retry with the same key, so the caller is told to retry.
 */
async function placeOrCrash(stub: Stub, input: Parameters<Stub['place']>[0]) {
  try {
    return await stub.place(input)
  } catch {
    const message = 'the order could not be placed just now; retry with the same Idempotency-Key'
    throw new AppError('UNAVAILABLE', message)
  }
}

/** A retried key whose cart no longer prices the same still gets the order it first placed. */
async function replayOr(c: Context<AppEnv>, stub: Stub, error: AppError) {
  const p = c.get('principal')
  const existing = await stub.read({ role: p.role, id: p.id, storeId: p.storeId })
  if (!existing.ok) throw error
  c.header('Idempotent-Replayed', 'true')
  return c.json(existing.order, 201)
}

function soldOutLine(lines: readonly { lineNo: number; skuId: string }[], now: number) {
  const gone = lines.find((l) => knownSoldOut(l.skuId, now))
  if (!gone) return null
  const details = { lineNo: gone.lineNo, skuId: gone.skuId, available: 0 }
  return new AppError('SOLD_OUT', `line ${gone.lineNo} (${gone.skuId}): sold out`, details)
}

export const orderPlacementRouter = createRouter().openapi(placeRoute, async (c) => {
  const principal = c.get('principal')
  const body = c.req.valid('json')
  const key = c.req.valid('header')['idempotency-key']
  const orderId = await orderIdFor(orderIdKeyring(c.env), principal.id, key)
  const stub = c.env.ORDER_ACTOR.get(c.env.ORDER_ACTOR.idFromName(orderId))
  const now = Date.now()
  // Sold-out traffic is most of a flash sale: refuse it before pricing wakes any actor.
  const gone = soldOutLine(
    body.lines.map((l, i) => ({ lineNo: i + 1, skuId: l.skuId })),
    now,
  )
  if (gone) return replayOr(c, stub, gone)
  const priced = await priceCart(c.env, principal.id, { ...body, orderId }, now)
  const refusal = failureOf(priced)
  if (refusal)
    return replayOr(c, stub, new AppError(refusal.code, refusal.message, refusal.details))
  const { quote, skus, priced: order } = unwrap(priced)
  const expected = body.expectedPayable
  if (
    expected &&
    (expected.amount !== order.amounts.payable || expected.currency !== order.currency)
  ) {
    const now = `${order.amounts.payable} ${order.currency}`
    const message = `expectedPayable: the order now costs ${now}, not ${expected.amount} ${expected.currency}`
    return replayOr(
      c,
      stub,
      new AppError('PRICE_CHANGED', message, { quote: quoteView(quote, skus, order) }),
    )
  }
  const base = unwrap(draftOrder(body.lines, skus, now))
  const draft = applyPricing(base, order.lines, order.amounts)
  const result = await placeOrCrash(stub, {
    orderId,
    requestHash: await sha256Hex(JSON.stringify(body)),
    userId: principal.id,
    parentId: null,
    draft,
    address: body.address,
    note: body.note ?? null,
    stockPlan: await stockPlanOf(c.env.DB, draft.lines, body.address.region, now),
    wallet:
      order.couponIds.length > 0 || order.pointsUsed > 0
        ? { couponIds: [...order.couponIds], points: order.pointsUsed }
        : null,
    velocityLimit: velocityLimit(c.env),
    freightByStore: order.freightByStore,
  })
  const failed = failureOf(result)
  if (failed?.code === 'SOLD_OUT' && typeof failed.details?.skuId === 'string') {
    markSoldOut(failed.details.skuId, now)
  }
  const placed = unwrap(result)
  if (placed.replayed) c.header('Idempotent-Replayed', 'true')
  return c.json(placed.order, 201)
})
