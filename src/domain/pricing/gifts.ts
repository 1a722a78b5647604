import type { GiftRule, Promotion, PromotionRule } from './types'

export function isGiftRule(rule: PromotionRule): rule is GiftRule {
  return rule.kind === 'buy_x_get_y'
}

/** A bought line as the gift rules see it. */
export interface GiftCartLine {
  readonly skuId: string
  readonly storeId: string
  readonly qty: number
}

/**
 * What one bought SKU earned toward a gift: `giftQty` for every full `buyQty` of it. Kept on the
 * gift line, so cancelling bought units can take back the gift units they no longer earn.
 */
export interface GiftShare {
  readonly skuId: string
  readonly buyQty: number
  readonly giftQty: number
}

/** Units of one SKU the cart earns free, the promotions that gave them, and who earned them. */
export interface GiftGrant {
  readonly skuId: string
  readonly qty: number
  readonly promotionIds: readonly string[]
  readonly earnedBy: readonly GiftShare[]
}

export interface GiftContext {
  readonly now: number
  /** Non-members count as level 0. */
  readonly memberLevel: number
}

/** No gift line is larger than a bought line may be. */
export const MAX_GIFT_QTY = 999

type GiftPromotion = Promotion & { readonly rule: GiftRule }

interface GiftGuard {
  readonly holds: (p: GiftPromotion, line: GiftCartLine, ctx: GiftContext) => boolean
}

/** Every guard must hold for a line to earn a promotion's gift. */
const guards: readonly GiftGuard[] = [
  { holds: (p, line) => p.rule.buySkuId === line.skuId },
  { holds: (p, line) => line.qty >= p.rule.buyQty },
  { holds: (p, _l, ctx) => p.startsAt <= ctx.now && ctx.now < p.endsAt },
  { holds: (p, _l, ctx) => (p.minMemberLevel ?? 0) <= ctx.memberLevel },
  // A store's promotion gives only on its own store's lines, like its discounts.
  { holds: (p, line) => p.level === 'platform' || p.storeId === line.storeId },
]

function byRank(a: Promotion, b: Promotion): number {
  if (a.priority !== b.priority) return b.priority - a.priority
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

function isGiftPromotion(p: Promotion): p is GiftPromotion {
  return isGiftRule(p.rule)
}

/** The highest-ranked gift promotion the line earns: a line joins at most one. */
function bestFor(line: GiftCartLine, gifts: readonly GiftPromotion[], ctx: GiftContext) {
  return gifts.find((p) => guards.every((g) => g.holds(p, line, ctx)))
}

/** Gift units `bought` units earn under one share. */
export function giftUnitsOf(share: GiftShare, bought: number): number {
  return Math.floor(bought / share.buyQty) * share.giftQty
}

/** Gift units earned by what is left of each bought SKU, capped like a grant. */
export function giftUnitsEarned(
  shares: readonly GiftShare[],
  boughtLeft: (skuId: string) => number,
): number {
  const earned = shares.reduce((sum, s) => sum + giftUnitsOf(s, boughtLeft(s.skuId)), 0)
  return Math.min(earned, MAX_GIFT_QTY)
}

/**
 * The gifts a cart earns: each line joins its highest-ranked gift promotion (priority, then id)
 * and earns `giftQty` for every full `buyQty` it buys. Grants of one gift SKU are one grant, in
 * the order their first line appears in the cart, since an order holds each SKU on one line.
 */
export function giftGrants(
  lines: readonly GiftCartLine[],
  promotions: readonly Promotion[],
  ctx: GiftContext,
): GiftGrant[] {
  const gifts = promotions.filter(isGiftPromotion).sort(byRank)
  const grants = new Map<string, { qty: number; promotionIds: string[]; earnedBy: GiftShare[] }>()
  for (const line of lines) {
    const p = bestFor(line, gifts, ctx)
    if (!p) continue
    const grant = grants.get(p.rule.giftSkuId) ?? { qty: 0, promotionIds: [], earnedBy: [] }
    const share = { skuId: line.skuId, buyQty: p.rule.buyQty, giftQty: p.rule.giftQty }
    grant.earnedBy.push(share)
    grant.qty = Math.min(grant.qty + giftUnitsOf(share, line.qty), MAX_GIFT_QTY)
    if (!grant.promotionIds.includes(p.id)) grant.promotionIds.push(p.id)
    grants.set(p.rule.giftSkuId, grant)
  }
  return [...grants].map(([skuId, g]) => ({ skuId, ...g }))
}
