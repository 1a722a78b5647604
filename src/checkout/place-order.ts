import type { Principal } from '../auth/principal'
import { velocityLimit } from '../config'
import { formatMoney, type Money } from '../domain/money'
import type { Address, StockLinePlan } from '../domain/order'
import { noAttributes, type OrderAttributes } from '../domain/order-attributes'
import { applyPricing, draftOrder } from '../domain/order-draft'
import type { OrderView } from '../domain/order-view'
import type { Env } from '../env'
import { AppError, type Failure, failureOf, unwrap } from '../errors'
import { setBounded } from '../http/bounded-map'
import { knownSoldOut } from '../http/sold-out-hint'
import { stockPlanOf } from '../http/stock-plan'
import { countPlacement, underVelocity } from '../http/velocity'
import { quoteView } from '../http/views/quote-view'
import { orderIdFor, orderIdKeyring, sha256Hex } from '../ids'
import { cachedPricingRules } from '../store/pricing-cache'
import { placeGifts } from './gift-lines'
import { emptyWallet, type PriceCartInput, priceCart, walletMatters } from './price-cart'
import type { PricedOrder } from './priced-lines'
import { reserveStock } from './reserve-stock'

/**
 * An order as its buyer submits it. The whole submission, attributes included, is what a retry
 * with the same key must repeat: it is hashed as given.
 */
export interface PlacementRequest extends PriceCartInput {
  readonly address: Address
  readonly note?: string | undefined
  readonly expectedPayable?: Money | undefined
}

export interface Placed {
  readonly order: OrderView
  /** The order was placed earlier with this key and body: this is it again. */
  readonly replayed: boolean
}

type Stub = ReturnType<Env['ORDER_ACTOR']['get']>

/**
 * Buyer and Idempotency-Key of orders this isolate placed lately: a retry of one is replayed even
 * while a hint says the SKU is gone. Keyed without hashing, so a hinted refusal costs no crypto.
 */
const placedHere = new Map<string, true>()

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
async function replayOr(stub: Stub, requestHash: string, error: AppError): Promise<Placed> {
  const existing = await stub.replay(requestHash)
  if (failureOf(existing)?.code === 'NOT_FOUND') throw error
  return { order: unwrap(existing).order, replayed: true }
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
 * (sold out, over the per-buyer limit) creates no order actor and writes nothing anywhere; it is
 * thrown as the API's error. Idempotent per buyer and key: the same body gets the same order.
 */
export async function placeOrder(
  env: Env,
  buyer: Principal,
  key: string,
  body: PlacementRequest,
  attributes: OrderAttributes = noAttributes,
): Promise<Placed> {
  const now = Date.now()
  // Sold-out traffic is most of a flash sale: refuse it from memory before anything else.
  const asked = body.lines.map((l, i) => ({ lineNo: i + 1, skuId: l.skuId, qty: l.qty }))
  const early = await stockPlanOf(env.DB, asked, body.address.region, now)
  const attempt = `${buyer.id}\n${key}`
  const trustHints = !placedHere.has(attempt)
  const hinted = trustHints ? hintedSoldOut(early, now) : null
  if (hinted) throw hinted
  const orderId = await orderIdFor(orderIdKeyring(env), buyer.id, key)
  const requestHash = await sha256Hex(JSON.stringify(body))
  const stub = env.ORDER_ACTOR.get(env.ORDER_ACTOR.idFromName(orderId))
  const refuse = (error: AppError) => replayOr(stub, requestHash, error)
  const cart = { ...body, orderId }
  const rules = await cachedPricingRules(env.DB, now)
  const known = walletMatters(cart, rules) ? undefined : emptyWallet(buyer.id)
  const priced = await priceCart(env, buyer.id, cart, now, known)
  const refusal = failureOf(priced)
  if (refusal) return refuse(asError(refusal))
  const { quote, skus, priced: order } = unwrap(priced)
  const changed = priceChanged(order, body.expectedPayable, {
    quote: quoteView(quote, skus, order),
  })
  if (changed) return refuse(changed)
  if (!underVelocity(buyer.id, velocityLimit(env), now)) {
    return refuse(
      new AppError('RATE_LIMITED', 'too many orders from this buyer in the last minute'),
    )
  }
  const draft = applyPricing(unwrap(draftOrder(body.lines, skus, now)), order.lines, order.amounts)
  const reserved = await reserveStock(env, {
    orderId,
    userId: buyer.id,
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
  const withGifts = await placeGifts(env, {
    orderId,
    userId: buyer.id,
    draft,
    grants: order.gifts,
    ...where,
  })
  const placed = unwrap(
    await placeOrCrash(stub, {
      orderId,
      requestHash,
      userId: buyer.id,
      parentId: null,
      draft: withGifts.draft,
      address: body.address,
      note: body.note ?? null,
      attributes,
      gifts: withGifts.gifts,
      stock: [...reserved.stock, ...withGifts.stock],
      children: reserved.children,
      wallet:
        order.couponIds.length > 0 || order.pointsUsed > 0
          ? { couponIds: [...order.couponIds], points: order.pointsUsed }
          : null,
      freightByStore: order.freightByStore,
    }),
  )
  if (!placed.replayed) countPlacement(buyer.id, now)
  setBounded(placedHere, attempt, true, 10_000)
  return placed
}
