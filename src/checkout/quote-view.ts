import { z } from '@hono/zod-openapi'
import type { CatalogSku } from '../domain/catalog'
import type { LineShare, Quote } from '../domain/pricing/quote-types'
import { MoneySchema } from '../http/schemas'
import type { PricedOrder } from './priced-lines'

const SharesSchema = z.array(z.object({ lineNo: z.number().int(), amount: MoneySchema }))

const QuoteLineSchema = z.object({
  lineNo: z.number().int(),
  skuId: z.string(),
  storeId: z.string(),
  title: z.string(),
  qty: z.number().int(),
  unitPrice: MoneySchema,
  listAmount: MoneySchema,
  discounts: z.object({
    member: MoneySchema,
    store: MoneySchema,
    platform: MoneySchema,
    coupon: MoneySchema,
    points: MoneySchema,
  }),
  finalAmount: MoneySchema.openapi({
    description: 'What the line pays, and what its refund returns',
  }),
})

export const QuoteViewSchema = z
  .object({
    currency: z.string(),
    lines: z.array(QuoteLineSchema),
    promotions: z.object({
      applied: z.array(
        z.object({
          promotionId: z.string(),
          level: z.enum(['store', 'platform']),
          base: MoneySchema,
          discount: MoneySchema,
          lines: SharesSchema,
        }),
      ),
      notApplied: z.array(
        z.object({
          promotionId: z.string(),
          level: z.enum(['store', 'platform']),
          reason: z.string(),
        }),
      ),
    }),
    coupons: z.object({
      selection: z.enum(['auto', 'none', 'explicit']),
      chosen: z.array(
        z.object({
          couponId: z.string(),
          templateId: z.string(),
          expiresAt: z.string(),
          deduction: MoneySchema,
          lines: SharesSchema,
        }),
      ),
      unusable: z.array(z.object({ couponId: z.string(), reason: z.string() })),
    }),
    points: z.object({
      requested: z.number().int(),
      used: z.number().int(),
      value: MoneySchema,
      maxValue: MoneySchema,
    }),
    freight: z.object({
      total: MoneySchema,
      byStore: z.array(z.object({ storeId: z.string(), amount: MoneySchema })),
    }),
    totals: z.object({
      list: MoneySchema,
      memberDiscount: MoneySchema,
      storePromotion: MoneySchema,
      platformPromotion: MoneySchema,
      coupon: MoneySchema,
      points: MoneySchema,
      goods: MoneySchema,
      freight: MoneySchema,
      payable: MoneySchema,
    }),
    payable: MoneySchema.openapi({ description: 'Send it back as expectedPayable when placing' }),
  })
  .openapi('Quote')

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
