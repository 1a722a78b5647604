import { add, type Money, money, sum } from '../money'
import type { CouponSetEvaluation } from './coupon-selection'
import type { ShipmentCharge } from './freight'
import type { LayerAllocation, Share } from './layered-allocation'
import type { PointsRedemption } from './points'
import type { PromotionPick, PromotionSkip } from './promotions'
import type {
  AppliedPromotion,
  ChosenCoupon,
  LineQuote,
  LineShare,
  Quote,
  QuoteTotals,
  RejectedCoupon,
  SkippedPromotion,
  StoreFreight,
} from './quote-types'
import type { CartLine } from './types'

export interface PromotionLayer {
  readonly picks: readonly PromotionPick[]
  readonly skips: readonly PromotionSkip[]
  readonly allocation: LayerAllocation
}

export interface CouponLayer {
  readonly selection: 'auto' | 'none' | 'explicit'
  readonly set: CouponSetEvaluation
  readonly unusable: readonly RejectedCoupon[]
}

/** Every intermediate figure of one quote, in integer minor units of `currency`. */
export interface PricingLedger {
  readonly currency: string
  readonly lines: readonly CartLine[]
  readonly list: readonly number[]
  readonly member: readonly number[]
  readonly store: PromotionLayer
  readonly platform: PromotionLayer
  readonly coupons: CouponLayer
  readonly points: { readonly redemption: PointsRedemption; readonly allocation: LayerAllocation }
  readonly freight: readonly ShipmentCharge[]
}

type Minor = (amount: number) => Money

function shares(ledger: PricingLedger, m: Minor, list: readonly Share[]): LineShare[] {
  return list.map((s) => ({ lineNo: ledger.lines[s.index]?.lineNo ?? -1, amount: m(s.amount) }))
}

function lineQuotes(ledger: PricingLedger, m: Minor): LineQuote[] {
  const at = (amounts: readonly number[], i: number) => m(amounts[i] ?? 0)
  return ledger.lines.map((line, i) => ({
    lineNo: line.lineNo,
    skuId: line.skuId,
    storeId: line.storeId,
    qty: line.qty,
    listAmount: at(ledger.list, i),
    baseAmount: m((ledger.list[i] ?? 0) - (ledger.member[i] ?? 0)),
    allocations: {
      memberDiscount: at(ledger.member, i),
      storePromotion: at(ledger.store.allocation.perLine, i),
      platformPromotion: at(ledger.platform.allocation.perLine, i),
      coupon: at(ledger.coupons.set.allocation.perLine, i),
      points: at(ledger.points.allocation.perLine, i),
    },
    finalAmount: at(ledger.points.allocation.after, i),
  }))
}

function appliedPromotions(ledger: PricingLedger, m: Minor): AppliedPromotion[] {
  return [ledger.store, ledger.platform].flatMap((layer) =>
    layer.picks.map((pick, k) => {
      const grant = layer.allocation.grants[k]
      return {
        promotionId: pick.promotion.id,
        level: pick.promotion.level,
        base: m(pick.base),
        discount: m(grant?.discount ?? 0),
        lines: shares(ledger, m, grant?.shares ?? []),
      }
    }),
  )
}

function chosenCoupons(ledger: PricingLedger, m: Minor): ChosenCoupon[] {
  const { coupons, allocation } = ledger.coupons.set
  return coupons.map((c, k) => ({
    couponId: c.coupon.id,
    templateId: c.template.id,
    expiresAt: c.expiresAt,
    deduction: m(allocation.grants[k]?.discount ?? 0),
    lines: shares(ledger, m, allocation.grants[k]?.shares ?? []),
  }))
}

function freightByStore(ledger: PricingLedger, m: Minor): StoreFreight[] {
  const storeIds = [...new Set(ledger.freight.map((c) => c.storeId))]
  return storeIds.map((storeId) => {
    const charges = ledger.freight.filter((c) => c.storeId === storeId)
    return {
      storeId,
      amount: sum(
        charges.map((c) => m(c.amount)),
        ledger.currency,
      ),
      shipments: charges.map((c) => ({ ...c, goodsAmount: m(c.goodsAmount), amount: m(c.amount) })),
    }
  })
}

function totals(lines: readonly LineQuote[], freight: Money, currency: string): QuoteTotals {
  const total = (pick: (l: LineQuote) => Money) => sum(lines.map(pick), currency)
  const goods = total((l) => l.finalAmount)
  return {
    list: total((l) => l.listAmount),
    memberDiscount: total((l) => l.allocations.memberDiscount),
    storePromotion: total((l) => l.allocations.storePromotion),
    platformPromotion: total((l) => l.allocations.platformPromotion),
    coupon: total((l) => l.allocations.coupon),
    points: total((l) => l.allocations.points),
    goods,
    freight,
    payable: add(goods, freight),
  }
}

function skippedPromotions(ledger: PricingLedger): SkippedPromotion[] {
  return [ledger.store, ledger.platform].flatMap((layer) =>
    layer.skips.map((s) => ({
      promotionId: s.promotion.id,
      level: s.promotion.level,
      reason: s.reason,
    })),
  )
}

/** Turns the ledger into the quote: Money everywhere, totals summed with currency checks. */
export function assembleQuote(ledger: PricingLedger): Quote {
  const { currency, points } = ledger
  const m: Minor = (amount) => money(amount, currency)
  const lines = lineQuotes(ledger, m)
  const byStore = freightByStore(ledger, m)
  const freight = sum(
    byStore.map((s) => s.amount),
    currency,
  )
  return {
    currency,
    lines,
    promotions: { applied: appliedPromotions(ledger, m), notApplied: skippedPromotions(ledger) },
    coupons: {
      selection: ledger.coupons.selection,
      chosen: chosenCoupons(ledger, m),
      unusable: ledger.coupons.unusable,
    },
    points: {
      requested: points.redemption.requested,
      used: points.redemption.used,
      value: m(points.redemption.value),
      maxValue: m(points.redemption.maxValue),
    },
    freight: { byStore, total: freight },
    totals: totals(lines, freight, currency),
  }
}
