import type { z } from '@hono/zod-openapi'
import type { PricedOrder } from '../../checkout/priced-lines'
import type { CatalogSku } from '../../domain/catalog'
import type { LineShare, Quote } from '../../domain/pricing/quote-types'
import type { QuoteViewSchema } from '../schemas/quote'

type QuoteView = z.infer<typeof QuoteViewSchema>

const shares = (lines: readonly LineShare[]) => lines.map((l) => ({ ...l }))

function lineViews(quote: Quote, skus: ReadonlyMap<string, CatalogSku>): QuoteView['lines'] {
  return quote.lines.map((l) => ({
    lineNo: l.lineNo,
    skuId: l.skuId,
    storeId: l.storeId,
    title: skus.get(l.skuId)?.title ?? l.skuId,
    qty: l.qty,
    unitPrice: { amount: skus.get(l.skuId)?.priceAmount ?? 0, currency: quote.currency },
    listAmount: l.listAmount,
    discounts: {
      member: l.allocations.memberDiscount,
      store: l.allocations.storePromotion,
      platform: l.allocations.platformPromotion,
      coupon: l.allocations.coupon,
      points: l.allocations.points,
    },
    finalAmount: l.finalAmount,
  }))
}

/** The whole breakdown a storefront shows at checkout; times as ISO strings. */
export function quoteView(
  quote: Quote,
  skus: ReadonlyMap<string, CatalogSku>,
  priced: PricedOrder,
): QuoteView {
  const { promotions, coupons, freight } = quote
  return {
    currency: quote.currency,
    lines: lineViews(quote, skus),
    promotions: {
      applied: promotions.applied.map((p) => ({ ...p, lines: shares(p.lines) })),
      notApplied: promotions.notApplied.map((p) => ({ ...p })),
    },
    gifts: priced.gifts.map((g) => ({
      skuId: g.skuId,
      qty: g.qty,
      promotionIds: [...g.promotionIds],
    })),
    coupons: {
      selection: coupons.selection,
      chosen: coupons.chosen.map((c) => ({
        ...c,
        expiresAt: new Date(c.expiresAt).toISOString(),
        lines: shares(c.lines),
      })),
      unusable: priced.unusableCoupons.map((u) => ({ ...u })),
    },
    points: { ...quote.points },
    freight: {
      total: freight.total,
      byStore: freight.byStore.map((s) => ({ storeId: s.storeId, amount: s.amount })),
    },
    totals: quote.totals,
    payable: quote.totals.payable,
  }
}
