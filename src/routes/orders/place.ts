import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../../app-env'
import { auth } from '../../auth/authenticate'
import { placeGifts } from '../../checkout/gift-lines'
import { emptyWallet, priceCart, walletMatters } from '../../checkout/price-cart'
import type { PricedOrder } from '../../checkout/priced-lines'
import { reserveStock } from '../../checkout/reserve-stock'
import { velocityLimit } from '../../config'
import { formatMoney, type Money } from '../../domain/money'
import type { StockLinePlan } from '../../domain/order'
import { applyPricing, draftOrder } from '../../domain/order-draft'
import { AppError, type Failure, failureOf, unwrap } from '../../errors'
import { setBounded } from '../../http/bounded-map'
import { createRouter } from '../../http/router'
import { errorResponses } from '../../http/schemas/error'
import { jsonBody, jsonResponse } from '../../http/schemas/json'
import { MoneySchema } from '../../http/schemas/money'
import { OrderViewSchema } from '../../http/schemas/order'
import { attributesFromBody, orderAttributesShape } from '../../http/schemas/order-attributes'
import { QuoteRequestSchema } from '../../http/schemas/quote'
import { knownSoldOut } from '../../http/sold-out-hint'
import { stockPlanOf } from '../../http/stock-plan'
import { countPlacement, underVelocity } from '../../http/velocity'
import { quoteView } from '../../http/views/quote-view'
import { orderIdFor, orderIdKeyring, sha256Hex } from '../../ids'
import { cachedPricingRules } from '../../store/pricing-cache'

export const PlaceOrderSchema = QuoteRequestSchema.extend({
  note: z.string().max(500).optional(),
  expectedPayable: MoneySchema.optional().openapi({
    description:
      'The payable the buyer confirmed on the quote; if the price moved, 409 PRICE_CHANGED',
  }),
  ...orderAttributesShape,
})
  .strict()
  .openapi('PlaceOrder')

const placeRoute = createRoute({
  method: 'post',
  path: '/',
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
 * Buyer and Idempotency-Key of orders this isolate placed lately: a retry of one is replayed even
 * while a hint says the SKU is gone. Keyed without hashing, so a hinted refusal costs no crypto.
 */
const placedHere = new Map<string, true>()

function rememberPlaced(attempt: string): void {
  setBounded(placedHere, attempt, true, 10_000)
}

/**
 * The actor died mid-placement (reset, deployed over, crashed): what it took is given back by its
 * alarm or its reservations' short lease, or resumed by a retry with the same key.
 */
async function placeOrCrash(stub: Stub, input: Parameters<Stub['place']>[0]) {
  try {
    return await stub.place(input)
  } catch {
    const message = 'the order could not be placed just now; retry with the same Idempotency-Key'
    throw new AppError('UNAVAILABLE', message)
  }
}

/**
 * A refusal that is not about stock (pricing, velocity, a released reservation): if this key
 * already placed an order with this body, that order is the answer; with another body, 409.
 * Costs one read of the order actor, which stays unwritten when nothing was placed.
 */
async function replayOr(c: Context<AppEnv>, stub: Stub, requestHash: string, error: AppError) {
  const existing = await stub.replay(requestHash)
  if (failureOf(existing)?.code === 'NOT_FOUND') throw error
  const replayed = unwrap(existing)
  c.header('Idempotent-Replayed', 'true')
  return c.json(replayed.order, 201)
}

/** A line whose every warehouse for the region this isolate just saw sold out. */
function hintedSoldOut(plans: readonly StockLinePlan[], now: number): AppError | null {
  const gone = plans.find(
    (p) =>
      p.policy === 'on_place' &&
      p.warehouses.every((w) => knownSoldOut(p.skuId, w.warehouseId, now)),
  )
  if (!gone) return null
  const details = { lineNo: gone.lineNo, skuId: gone.skuId, available: 0 }
  return new AppError('SOLD_OUT', `line ${gone.lineNo} (${gone.skuId}): sold out`, details)
}

const asError = (f: Failure) => new AppError(f.code, f.message, f.details)

function priceChanged(order: PricedOrder, expected: Money | undefined, quote: AppError['details']) {
  if (!expected) return null
  if (expected.amount === order.amounts.payable && expected.currency === order.currency) return null
  const now = formatMoney({ amount: order.amounts.payable, currency: order.currency })
  const message = `expectedPayable: the order now costs ${now}, not ${formatMoney(expected)}`
  return new AppError('PRICE_CHANGED', message, quote)
}

/** Refusals no earlier placement with this key could have been: answered without the actor. */
const plainRefusals = new Set([
  'SOLD_OUT',
  'INSUFFICIENT_STOCK',
  'PURCHASE_LIMIT_EXCEEDED',
  'UNAVAILABLE',
  'TOO_MANY_PACKAGES',
])

/**
 * Placement, stock first: price from the isolate's caches, reserve at the buyer's home stock
 * bucket, and only then wake the order actor, which adopts the reservation. A refused attempt
 * (sold out, over the per-buyer limit) creates no order actor and writes nothing anywhere.
 */
export const orderPlacementRouter = createRouter().openapi(placeRoute, async (c) => {
  const principal = c.get('principal')
  const body = c.req.valid('json')
  const key = c.req.valid('header')['idempotency-key']
  const now = Date.now()
  // Sold-out traffic is most of a flash sale: refuse it from memory before anything else.
  const asked = body.lines.map((l, i) => ({ lineNo: i + 1, skuId: l.skuId, qty: l.qty }))
  const early = await stockPlanOf(c.env.DB, asked, body.address.region, now)
  const attempt = `${principal.id}\n${key}`
  const trustHints = !placedHere.has(attempt)
  const hinted = trustHints ? hintedSoldOut(early, now) : null
  if (hinted) throw hinted
  const orderId = await orderIdFor(orderIdKeyring(c.env), principal.id, key)
  const requestHash = await sha256Hex(JSON.stringify(body))
  const stub = c.env.ORDER_ACTOR.get(c.env.ORDER_ACTOR.idFromName(orderId))
  const refuse = (error: AppError) => replayOr(c, stub, requestHash, error)
  const cart = { ...body, orderId }
  const rules = await cachedPricingRules(c.env.DB, now)
  const known = walletMatters(cart, rules) ? undefined : emptyWallet(principal.id)
  const priced = await priceCart(c.env, principal.id, cart, now, known)
  const refusal = failureOf(priced)
  if (refusal) return refuse(asError(refusal))
  const { quote, skus, priced: order } = unwrap(priced)
  const view = { quote: quoteView(quote, skus, order) }
  const changed = priceChanged(order, body.expectedPayable, view)
  if (changed) return refuse(changed)
  if (!underVelocity(principal.id, velocityLimit(c.env), now)) {
    const message = 'too many orders from this buyer in the last minute'
    return refuse(new AppError('RATE_LIMITED', message))
  }
  const draft = applyPricing(unwrap(draftOrder(body.lines, skus, now)), order.lines, order.amounts)
  const reserved = await reserveStock(c.env, {
    orderId,
    userId: principal.id,
    draft,
    plans: early,
    freightByStore: order.freightByStore,
    points: order.pointsUsed,
    now,
    trustHints,
  })
  if (!reserved.ok) {
    if (plainRefusals.has(reserved.code)) throw asError(reserved)
    return refuse(asError(reserved))
  }
  const where = { split: reserved.children !== null, region: body.address.region, now }
  const gifts = { orderId, userId: principal.id, draft, grants: order.gifts, ...where }
  const withGifts = await placeGifts(c.env, gifts)
  const result = await placeOrCrash(stub, {
    orderId,
    requestHash,
    userId: principal.id,
    parentId: null,
    draft: withGifts.draft,
    address: body.address,
    note: body.note ?? null,
    attributes: attributesFromBody(body),
    gifts: withGifts.gifts,
    stock: [...reserved.stock, ...withGifts.stock],
    children: reserved.children,
    wallet:
      order.couponIds.length > 0 || order.pointsUsed > 0
        ? { couponIds: [...order.couponIds], points: order.pointsUsed }
        : null,
    freightByStore: order.freightByStore,
  })
  const placed = unwrap(result)
  if (placed.replayed) c.header('Idempotent-Replayed', 'true')
  else countPlacement(principal.id, now)
  rememberPlaced(attempt)
  return c.json(placed.order, 201)
})
