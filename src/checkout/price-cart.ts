import type { WalletSnapshot } from '../../durable-objects/wallet/client'
import type { CatalogSku } from '../domain/catalog'
import type { Address } from '../domain/order'
import { draftOrder } from '../domain/order-draft'
import { giftGrants } from '../domain/pricing/gifts'
import { quote } from '../domain/pricing/quote'
import type { Quote, QuoteResult } from '../domain/pricing/quote-types'
import type { CouponSelection } from '../domain/pricing/types'
import type { Env } from '../env'
import { type Failure, fail, type Result } from '../errors'
import { cachedSkus } from '../store/catalog-cache'
import { cachedPricingRules, type PricingRules } from '../store/pricing-cache'
import { isBlocked } from './blacklist-check'
import { type PricedOrder, pricedOrder } from './priced-lines'
import { type CheckoutLine, cartOf, pricingContext, regionRefusal } from './pricing-context'
import { couponNotUsable, engineWallet } from './wallet-coupons'

export interface PriceCartInput {
  readonly lines: readonly CheckoutLine[]
  readonly address: Address
  /** Coupon ids to use, 'auto' (the best usable set, the default) or 'none'. */
  readonly couponIds?: CouponSelection
  /** Points the buyer offers; the quote uses at most the balance and the policy's caps. */
  readonly points?: number
  /**
   * Re-pricing the placement of this order (a retry): coupons and points it already holds in the
   * wallet count as available, so the retry gets the quote it had the first time.
   */
  readonly orderId?: string
}

export type PricedCart = Result<{
  readonly quote: Quote
  readonly skus: Map<string, CatalogSku>
  readonly priced: PricedOrder
}>

function quoteFailure(result: Exclude<QuoteResult, { ok: true }>): Failure {
  if (result.code === 'COUPON_NOT_USABLE') {
    const rejected = (result.details.rejected ?? []) as { couponId: string; reason: string }[]
    const first = rejected[0] ?? { couponId: '', reason: 'NOT_FOUND' }
    return couponNotUsable(first.couponId, first.reason as 'NOT_FOUND', { rejected })
  }
  if (result.code === 'REGION_NOT_SERVED') {
    return fail('ADDRESS_OUT_OF_REGION', result.message, { ...result.details })
  }
  return fail('BUSINESS_RULE', result.message, { reason: result.code, ...result.details })
}

function wallet(env: Env, buyerId: string) {
  return env.WALLET_ACTOR.get(env.WALLET_ACTOR.idFromName(buyerId))
}

/** A wallet with nothing in it: what a buyer with no coupons, points or level brings. */
export function emptyWallet(userId: string): WalletSnapshot {
  return { userId, level: 0, pointsBalance: 0, coupons: [] }
}

/**
 * Whether the buyer's wallet could change this price: points or coupons asked for, coupons picked
 * automatically while coupon templates exist, or member levels and promotions that depend on the
 * buyer's level. When it cannot, placement prices without waking the wallet actor.
 */
export function walletMatters(input: PriceCartInput, rules: PricingRules): boolean {
  if ((input.points ?? 0) > 0) return true
  const selection = input.couponIds ?? 'auto'
  if (Array.isArray(selection) && selection.length > 0) return true
  if (selection === 'auto' && rules.couponTemplates > 0) return true
  if (rules.memberLevels.some((l) => l.discountBps > 0)) return true
  return rules.promotions.some((p) => (p.minMemberLevel ?? 0) > 0)
}

/**
 * Prices a buyer's cart as it would be placed now. Checks, in order: the blacklist (403
 * BUYER_BLOCKED), the SKUs (SKU_NOT_FOUND / SKU_NOT_ON_SALE naming lines.N.skuId), the region
 * (ADDRESS_OUT_OF_REGION), the coupons (COUPON_NOT_USABLE with the reason); then quotes with the
 * wallet (one actor call, unless the caller brings a `known` snapshot) and the cached pricing
 * rules (no D1 query while the cache is warm).
 */
export async function priceCart(
  env: Env,
  buyerId: string,
  input: PriceCartInput,
  now: number = Date.now(),
  known?: WalletSnapshot,
): Promise<PricedCart> {
  if (await isBlocked(env.DB, buyerId, input.address, now)) {
    return fail('BUYER_BLOCKED', 'this buyer cannot order')
  }
  const skus = await cachedSkus(
    env.DB,
    input.lines.map((l) => l.skuId),
    now,
  )
  const draft = draftOrder(input.lines, skus, now)
  if (!draft.ok) return fail(draft.code, draft.message, draft.details)
  const [rules, snapshot] = await Promise.all([
    cachedPricingRules(env.DB, now),
    known ?? wallet(env, buyerId).snapshot(input.orderId),
  ])
  const cart = cartOf(input.lines, skus)
  const regionCode = input.address.region
  const outOfRegion = regionRefusal(cart, rules.freightTemplates, regionCode)
  if (outOfRegion) return outOfRegion
  const selection = input.couponIds ?? 'auto'
  const prepared = engineWallet(snapshot, selection)
  if (!prepared.ok) return prepared
  const points = input.points ?? 0
  const common = { now, currency: draft.currency, regionCode, rules, snapshot, selection, points }
  const result = quote(cart, pricingContext(cart, { ...common, wallet: prepared.wallet }))
  if (!result.ok) return quoteFailure(result)
  // The engine saw the request cut to the policy's count cap; report what the buyer asked for.
  const priced = { ...result.value, points: { ...result.value.points, requested: points } }
  const gifts = giftGrants(cart.lines, rules.promotions, { now, memberLevel: snapshot.level })
  const order = pricedOrder(priced, prepared.wallet.locked, gifts)
  return { ok: true, quote: priced, skus, priced: order }
}
