import { multiply } from '../money'
import type { Result } from '../result'
import { chooseBestCoupons, evaluateCouponSet } from './coupon-selection'
import { type CouponContext, classifyWallet } from './coupons'
import { validateExplicitCoupons } from './explicit-coupons'
import { quoteFreight } from './freight'
import { allocateLayer } from './layered-allocation'
import { memberDiscountBps, memberDiscounts, memberLevelOf } from './members'
import { redeemPoints } from './points'
import { selectPromotions } from './promotions'
import { assembleQuote, type CouponLayer, type PromotionLayer } from './quote-assembly'
import type { QuoteResult } from './quote-types'
import type { Cart, CartLine, PricingContext, Promotion, PromotionLevel } from './types'
import { validateQuoteInput } from './validation'

export { refundableAmount, unitAmounts } from './refund'

function promotionLayer(
  level: PromotionLevel,
  lines: readonly CartLine[],
  amounts: readonly number[],
  ctx: PricingContext,
  earlier: readonly (Promotion | undefined)[],
): PromotionLayer {
  const { picks, skips } = selectPromotions(level, ctx.promotions, {
    now: ctx.now,
    currency: ctx.currency,
    memberLevel: memberLevelOf(ctx.member),
    lines,
    amounts,
    earlier,
  })
  const allocation = allocateLayer(amounts, picks)
  return { picks, skips, allocation }
}

function joinedPromotions(
  lines: readonly CartLine[],
  layer: PromotionLayer,
): (Promotion | undefined)[] {
  return lines.map((_, i) => layer.picks.find((p) => p.lineIndexes.includes(i))?.promotion)
}

function couponLayer(
  lines: readonly CartLine[],
  amounts: readonly number[],
  ctx: PricingContext,
): Result<{ readonly value: CouponLayer }, 'COUPON_NOT_USABLE'> {
  const couponCtx: CouponContext = {
    now: ctx.now,
    currency: ctx.currency,
    userId: ctx.userId,
    lines,
    amounts,
    templates: new Map(ctx.couponTemplates.map((t) => [t.id, t])),
  }
  const selection = ctx.couponSelection
  if (selection === 'none') {
    return { ok: true, value: { selection, set: evaluateCouponSet([], amounts), unusable: [] } }
  }
  if (selection === 'auto') {
    const { usable, unusable } = classifyWallet(ctx.coupons, couponCtx)
    return { ok: true, value: { selection, set: chooseBestCoupons(usable, amounts), unusable } }
  }
  const explicit = validateExplicitCoupons(selection, ctx.coupons, couponCtx)
  if (!explicit.ok) {
    const { rejected } = explicit
    return {
      ok: false,
      code: 'COUPON_NOT_USABLE',
      message: 'some named coupons cannot be used',
      details: { rejected },
    }
  }
  const set = evaluateCouponSet(explicit.coupons, amounts)
  return { ok: true, value: { selection: 'explicit', set, unusable: [] } }
}

const total = (amounts: readonly number[]) => amounts.reduce((acc, a) => acc + a, 0)

function promotionLayers(lines: readonly CartLine[], base: readonly number[], ctx: PricingContext) {
  const store = promotionLayer('store', lines, base, ctx, [])
  const earlier = joinedPromotions(lines, store)
  const platform = promotionLayer('platform', lines, store.allocation.after, ctx, earlier)
  return { store, platform }
}

/** Points pay for goods only, spread over every line in proportion to its amount after coupons. */
function pointsLayer(afterCoupons: readonly number[], ctx: PricingContext) {
  const balance = ctx.member?.pointsBalance ?? 0
  const goods = total(afterCoupons)
  const redemption = redeemPoints(ctx.pointsRequested, balance, ctx.pointsPolicy, goods)
  const lineIndexes = afterCoupons.map((_, i) => i)
  const allocation = allocateLayer(afterCoupons, [{ lineIndexes, discount: redemption.value }])
  return { redemption, allocation }
}

/**
 * Prices a cart, layer by layer: list amount (unit price x qty) less the
 * member discount gives the base; then store promotions, platform promotions, coupons and points
 * are each spread over their lines in proportion to the amounts the previous layer left, by the
 * largest remainder method. Freight is priced per store and warehouse on the amounts after
 * coupons. Pure: time, buyer and every rule come in `context`.
 */
export function quote(cart: Cart, context: PricingContext): QuoteResult {
  const invalid = validateQuoteInput(cart, context)
  if (invalid) return invalid
  const { lines } = cart
  const list = lines.map((line) => multiply(line.unitPrice, line.qty).amount)
  const member = memberDiscounts(list, memberDiscountBps(context.member, context.memberLevels))
  const base = list.map((amount, i) => amount - (member[i] ?? 0))
  const { store, platform } = promotionLayers(lines, base, context)
  const coupons = couponLayer(lines, platform.allocation.after, context)
  if (!coupons.ok) return coupons
  const afterCoupons = coupons.value.set.allocation.after
  const points = pointsLayer(afterCoupons, context)
  const { freightTemplates: templates, regionCode } = context
  const freight = quoteFreight({ lines, amounts: afterCoupons, templates, regionCode })
  if (!freight.ok) return freight
  const { currency } = context
  const ledger = { currency, lines, list, member, store, platform, points, freight: freight.value }
  return { ok: true, value: assembleQuote({ ...ledger, coupons: coupons.value }) }
}
