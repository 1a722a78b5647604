import type { Money } from '../money'

// ---- Input: the cart -------------------------------------------------------------------------

export interface CartLine {
  readonly lineNo: number
  readonly skuId: string
  readonly storeId: string
  readonly categoryId: string
  readonly unitPrice: Money
  readonly qty: number
  /** Weight of one unit. */
  readonly weightGrams: number
  /** Shipping warehouse, when the store prices freight per warehouse. */
  readonly warehouseId?: string
}

/** Lines in cart order: allocation ties go to the earlier line in this order. */
export interface Cart {
  readonly lines: readonly CartLine[]
}

/**
 * Which lines a promotion or coupon covers. An absent dimension matches everything; a present one
 * matches its listed ids only (so `[]` matches nothing); dimensions combine with AND.
 */
export interface Scope {
  readonly storeIds?: readonly string[]
  readonly skuIds?: readonly string[]
  readonly categoryIds?: readonly string[]
}

// ---- Input: promotions -----------------------------------------------------------------------

export type PromotionLevel = 'store' | 'platform'

/** Percentages are integer basis points: 10% off = 1000. */
export type PromotionRule =
  | { readonly kind: 'spend_save'; readonly threshold: Money; readonly amountOff: Money }
  | {
      readonly kind: 'spend_percent_off'
      readonly threshold: Money
      readonly percentOffBps: number
      readonly cap?: Money
    }
  | { readonly kind: 'tiered'; readonly tiers: readonly PromotionTier[] }
  | GiftRule

/**
 * Buy X get Y free: every `buyQty` units of `buySkuId` on a line earn `giftQty` units of
 * `giftSkuId`, added to the order as a line at price 0. It discounts nothing, so it takes no
 * line from the discount promotions of its level.
 */
export interface GiftRule {
  readonly kind: 'buy_x_get_y'
  readonly buySkuId: string
  readonly buyQty: number
  readonly giftSkuId: string
  readonly giftQty: number
}

export interface PromotionTier {
  readonly threshold: Money
  readonly amountOff: Money
}

interface PromotionCommon {
  readonly id: string
  readonly rule: PromotionRule
  readonly scope: Scope
  /** Members below this level (non-members count as level 0) do not qualify. */
  readonly minMemberLevel?: number
  /** Active for startsAt <= now < endsAt (epoch ms). */
  readonly startsAt: number
  readonly endsAt: number
  /** Higher wins; ties go to the lower id. */
  readonly priority: number
  /** An exclusive promotion's lines join no promotion of the other level. */
  readonly exclusive: boolean
}

/** A store-level promotion only ever covers lines of its own store. */
export type Promotion = PromotionCommon &
  ({ readonly level: 'store'; readonly storeId: string } | { readonly level: 'platform' })

export type PromotionSkipReason =
  | 'CURRENCY_MISMATCH'
  | 'OUT_OF_WINDOW'
  | 'MEMBER_LEVEL_TOO_LOW'
  | 'NO_LINE_IN_SCOPE'
  | 'EXCLUSIVE_CONFLICT'
  | 'OUTRANKED'
  | 'THRESHOLD_NOT_MET'

// ---- Input: coupons --------------------------------------------------------------------------

export type CouponBenefit =
  | { readonly kind: 'amount_off'; readonly amountOff: Money }
  | { readonly kind: 'percent_off'; readonly percentOffBps: number; readonly cap?: Money }

export interface CouponTemplate {
  readonly id: string
  /** Evaluated on the in-scope lines' amounts after both promotion layers. */
  readonly threshold: Money
  readonly benefit: CouponBenefit
  readonly scope: Scope
  /** An exclusive coupon is used alone; stackable ones combine, at most 3 per order. */
  readonly stacking: 'stackable' | 'exclusive'
  readonly startsAt: number
  readonly endsAt: number
}

/** A single-use coupon issued to a buyer; usable inside both its own and its template's window. */
export interface Coupon {
  readonly id: string
  readonly templateId: string
  readonly userId: string
  readonly status: 'available' | 'used'
  readonly startsAt: number
  readonly endsAt: number
}

export type CouponRejectionReason =
  | 'NOT_FOUND'
  | 'USED'
  | 'NOT_STARTED'
  | 'EXPIRED'
  | 'NOT_APPLICABLE'
  | 'THRESHOLD_NOT_MET'
  | 'NOT_STACKABLE'
  | 'TOO_MANY_COUPONS'
  | 'DUPLICATE'

/** 'auto' picks the best usable set, 'none' uses no coupon, a list names the coupons to use. */
export type CouponSelection = 'auto' | 'none' | readonly string[]

// ---- Input: members, points, freight ---------------------------------------------------------

export interface Member {
  readonly level: number
  readonly pointsBalance: number
}

/** A member gets the discount of the highest listed level not above its own. */
export interface MemberLevelBenefit {
  readonly level: number
  readonly discountBps: number
}

export interface PointsPolicy {
  /** `points` points are worth `minorUnits` minor units, e.g. 100 points = 100 (1.00 CNY). */
  readonly rate: { readonly points: number; readonly minorUnits: number }
  /** Points pay at most this share of the lines' amount after coupons. */
  readonly maxShareBps: number
}

export interface FreightRegionRule {
  /** Region codes, or '*' for every region no other rule of the template names. */
  readonly regions: readonly string[] | '*'
  readonly firstWeightGrams: number
  readonly firstWeightPrice: Money
  readonly stepGrams: number
  readonly stepPrice: Money
  /** Free when the shipment's lines cost at least this after coupons (before points). */
  readonly freeOver?: Money
}

/** Per store; one with a warehouseId overrides the store's default for that warehouse. */
export interface FreightTemplate {
  readonly id: string
  readonly storeId: string
  readonly warehouseId?: string
  readonly rules: readonly FreightRegionRule[]
}

export interface PricingContext {
  /** Epoch ms; every window is checked against it. */
  readonly now: number
  readonly currency: string
  readonly regionCode: string
  readonly userId: string
  readonly member: Member | null
  readonly memberLevels: readonly MemberLevelBenefit[]
  readonly pointsPolicy: PointsPolicy | null
  readonly pointsRequested: number
  readonly promotions: readonly Promotion[]
  readonly couponTemplates: readonly CouponTemplate[]
  /** The buyer's wallet. */
  readonly coupons: readonly Coupon[]
  readonly couponSelection: CouponSelection
  readonly freightTemplates: readonly FreightTemplate[]
}
