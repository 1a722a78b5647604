import { z } from '@hono/zod-openapi'
import { AddressSchema } from './address'
import { IdSchema } from './id'
import { MoneySchema } from './money'

const CartLineSchema = z
  .object({
    skuId: IdSchema.openapi({ example: 'sku-tea-a' }),
    qty: z.number().int().min(1).max(999).openapi({ example: 1 }),
  })
  .strict()

/** A cart to price: the lines, where it ships, and the coupons and points to use. */
export const QuoteRequestSchema = z
  .object({
    lines: z
      .array(CartLineSchema)
      .min(1)
      .max(50)
      .refine((lines) => new Set(lines.map((l) => l.skuId)).size === lines.length, {
        message: 'each SKU may appear on one line only',
      }),
    address: AddressSchema,
    couponIds: z
      .union([z.enum(['auto', 'none']), z.array(IdSchema).max(10)])
      .optional()
      .openapi({ description: "'auto' (default) picks the best usable set; a list names them" }),
    points: z.number().int().min(0).max(1_000_000_000).optional(),
  })
  .strict()
  .openapi('QuoteRequest')

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

/** A priced cart: each line's discount layers, what applied and what did not, the totals. */
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
    gifts: z
      .array(
        z.object({ skuId: z.string(), qty: z.number().int(), promotionIds: z.array(z.string()) }),
      )
      .openapi({
        description:
          'Gifts the cart earns at price 0; placement adds each one a serving warehouse has',
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

export const QuotePackageSchema = z
  .object({
    index: z.number().int(),
    storeId: z.string(),
    warehouseId: z.string(),
    lines: z.array(z.object({ lineNo: z.number().int(), qty: z.number().int() })),
    freight: MoneySchema,
    payable: MoneySchema,
    reasons: z.array(z.string()),
  })
  .openapi('QuotePackage', {
    description: 'A package the order will ship as; more than one and it splits into child orders',
  })
