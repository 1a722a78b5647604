import type { Money } from '../money'
import type { Result } from '../result'
import type { CouponRejectionReason, PromotionLevel, PromotionSkipReason } from './types'

// What quote() returns. Re-exported from types.ts.

export interface LineAllocations {
  readonly memberDiscount: Money
  readonly storePromotion: Money
  readonly platformPromotion: Money
  readonly coupon: Money
  readonly points: Money
}

export interface LineQuote {
  readonly lineNo: number
  readonly skuId: string
  readonly storeId: string
  readonly qty: number
  /** unitPrice x qty. */
  readonly listAmount: Money
  /** listAmount minus the member discount: what the promotion layers start from. */
  readonly baseAmount: Money
  readonly allocations: LineAllocations
  /** What the buyer pays for the line and what a refund of the whole line returns. */
  readonly finalAmount: Money
}

export interface LineShare {
  readonly lineNo: number
  readonly amount: Money
}

export interface AppliedPromotion {
  readonly promotionId: string
  readonly level: PromotionLevel
  /** Sum of the participating lines' amounts the threshold was checked against. */
  readonly base: Money
  readonly discount: Money
  readonly lines: readonly LineShare[]
}

export interface SkippedPromotion {
  readonly promotionId: string
  readonly level: PromotionLevel
  readonly reason: PromotionSkipReason
}

export interface ChosenCoupon {
  readonly couponId: string
  readonly templateId: string
  readonly expiresAt: number
  readonly deduction: Money
  readonly lines: readonly LineShare[]
}

export interface RejectedCoupon {
  readonly couponId: string
  readonly reason: CouponRejectionReason
}

export interface CouponOutcome {
  readonly selection: 'auto' | 'none' | 'explicit'
  readonly chosen: readonly ChosenCoupon[]
  /** Wallet coupons that could not be used (auto), with why. */
  readonly unusable: readonly RejectedCoupon[]
}

export interface PointsOutcome {
  readonly requested: number
  readonly used: number
  readonly value: Money
  /** The most points could have paid in this order (the cap). */
  readonly maxValue: Money
}

export interface ShipmentFreight {
  readonly storeId: string
  readonly warehouseId: string | null
  /** null: the store has no template, and ships free. */
  readonly templateId: string | null
  readonly weightGrams: number
  /** The shipment's lines after coupons, before points: what `freeOver` is checked against. */
  readonly goodsAmount: Money
  readonly waived: boolean
  readonly amount: Money
}

export interface StoreFreight {
  readonly storeId: string
  readonly amount: Money
  readonly shipments: readonly ShipmentFreight[]
}

export interface QuoteTotals {
  readonly list: Money
  readonly memberDiscount: Money
  readonly storePromotion: Money
  readonly platformPromotion: Money
  readonly coupon: Money
  readonly points: Money
  /** Sum of line finals. */
  readonly goods: Money
  readonly freight: Money
  /** goods + freight. */
  readonly payable: Money
}

export interface Quote {
  readonly currency: string
  readonly lines: readonly LineQuote[]
  readonly promotions: {
    readonly applied: readonly AppliedPromotion[]
    readonly notApplied: readonly SkippedPromotion[]
  }
  readonly coupons: CouponOutcome
  readonly points: PointsOutcome
  readonly freight: { readonly byStore: readonly StoreFreight[]; readonly total: Money }
  readonly totals: QuoteTotals
}

export type QuoteFailureCode =
  | 'EMPTY_CART'
  | 'INVALID_CART'
  | 'INVALID_CONTEXT'
  | 'UNKNOWN_CURRENCY'
  | 'CURRENCY_MISMATCH'
  | 'REGION_NOT_SERVED'
  | 'FREIGHT_OUT_OF_RANGE'
  | 'COUPON_NOT_USABLE'

export type QuoteResult = Result<{ readonly value: Quote }, QuoteFailureCode>
