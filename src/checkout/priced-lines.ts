import type { GiftGrant } from '../domain/pricing/gifts'
import type { Quote } from '../domain/pricing/quote-types'
import type { UnusableCoupon } from './wallet-coupons'

/** One cart line as priced, in integer minor units, named like the order's line fields. */
export interface PricedLine {
  readonly lineNo: number
  readonly skuId: string
  readonly storeId: string
  readonly qty: number
  readonly amount: number
  readonly memberDiscount: number
  readonly storeDiscount: number
  readonly platformDiscount: number
  readonly couponDiscount: number
  readonly pointsDiscount: number
  /** What the line pays and what a refund of the whole line returns. */
  readonly finalAmount: number
}

/** Order totals, named like the order's amounts (less `paid`). */
export interface PricedAmounts {
  readonly items: number
  readonly memberDiscount: number
  readonly storeDiscount: number
  readonly platformDiscount: number
  readonly couponDiscount: number
  readonly pointsDiscount: number
  readonly freight: number
  readonly payable: number
}

/** What placement needs from a quote: lines in cart order, and what to redeem in the wallet. */
export interface PricedOrder {
  readonly currency: string
  readonly lines: readonly PricedLine[]
  readonly amounts: PricedAmounts
  readonly freightByStore: readonly { readonly storeId: string; readonly amount: number }[]
  readonly couponIds: readonly string[]
  readonly pointsUsed: number
  readonly unusableCoupons: readonly UnusableCoupon[]
  /** Gifts the cart earns, priced at nothing: placement adds the ones it can reserve. */
  readonly gifts: readonly GiftGrant[]
}

export function pricedOrder(
  quote: Quote,
  locked: readonly UnusableCoupon[],
  gifts: readonly GiftGrant[] = [],
): PricedOrder {
  const lines = quote.lines.map((l) => ({
    lineNo: l.lineNo,
    skuId: l.skuId,
    storeId: l.storeId,
    qty: l.qty,
    amount: l.listAmount.amount,
    memberDiscount: l.allocations.memberDiscount.amount,
    storeDiscount: l.allocations.storePromotion.amount,
    platformDiscount: l.allocations.platformPromotion.amount,
    couponDiscount: l.allocations.coupon.amount,
    pointsDiscount: l.allocations.points.amount,
    finalAmount: l.finalAmount.amount,
  }))
  const t = quote.totals
  const amounts = {
    items: t.list.amount,
    memberDiscount: t.memberDiscount.amount,
    storeDiscount: t.storePromotion.amount,
    platformDiscount: t.platformPromotion.amount,
    couponDiscount: t.coupon.amount,
    pointsDiscount: t.points.amount,
    freight: t.freight.amount,
    payable: t.payable.amount,
  }
  return {
    currency: quote.currency,
    lines,
    amounts,
    freightByStore: quote.freight.byStore.map((s) => ({
      storeId: s.storeId,
      amount: s.amount.amount,
    })),
    couponIds: quote.coupons.chosen.map((c) => c.couponId),
    pointsUsed: quote.points.used,
    unusableCoupons: [...locked, ...quote.coupons.unusable],
    gifts,
  }
}
