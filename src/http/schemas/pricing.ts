import { z } from '@hono/zod-openapi'
import { IdSchema } from './id'
import { MoneyInSchema } from './money'

/** The terms pricing admins write: scopes, promotion rules, coupon benefits, times. */

export const BpsSchema = z
  .number()
  .int()
  .min(1)
  .max(10_000)
  .openapi({ description: 'basis points: 10% = 1000' })

const idList = z.array(IdSchema).max(500)

export const ScopeSchema = z
  .object({
    storeIds: idList.optional(),
    skuIds: idList.optional(),
    categoryIds: idList.optional(),
  })
  .strict()
  .openapi('Scope', {
    description: 'An absent dimension matches every line; dimensions combine with AND',
  })

export const TimeSchema = z.iso
  .datetime({ offset: true })
  .openapi({ example: '2026-05-01T00:00:00Z' })

export const PromotionRuleSchema = z
  .discriminatedUnion('kind', [
    z
      .object({ kind: z.literal('spend_save'), threshold: MoneyInSchema, amountOff: MoneyInSchema })
      .strict(),
    z
      .object({
        kind: z.literal('spend_percent_off'),
        threshold: MoneyInSchema,
        percentOffBps: BpsSchema,
        cap: MoneyInSchema.optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('tiered'),
        tiers: z
          .array(z.object({ threshold: MoneyInSchema, amountOff: MoneyInSchema }).strict())
          .min(1)
          .max(20),
      })
      .strict(),
    z
      .object({
        kind: z.literal('buy_x_get_y'),
        buySkuId: IdSchema,
        buyQty: z.number().int().min(1).max(999),
        giftSkuId: IdSchema,
        giftQty: z.number().int().min(1).max(999),
      })
      .strict()
      .openapi({
        description:
          'Every buyQty units of buySkuId earn giftQty units of giftSkuId, added at price 0',
      }),
  ])
  .openapi('PromotionRule')

export const CouponBenefitSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('amount_off'), amountOff: MoneyInSchema }).strict(),
    z
      .object({
        kind: z.literal('percent_off'),
        percentOffBps: BpsSchema,
        cap: MoneyInSchema.optional(),
      })
      .strict(),
  ])
  .openapi('CouponBenefit')
