import { z } from '@hono/zod-openapi'
import type { Money } from '../domain/money'
import { isKnownCurrency } from '../domain/money'
import type { PromotionRule } from '../domain/pricing/types'
import { IdSchema } from '../http/schemas'

/** Zod schemas shared by the pricing routes: money, scopes, rules, times. */

const CurrencySchema = z
  .string()
  .length(3)
  .refine(isKnownCurrency, 'must be an ISO 4217 currency code')

/** Money in a request: integer minor units, never negative. */
export const MoneyInSchema = z
  .object({
    amount: z.number().int().min(0).max(100_000_000_000).openapi({ example: 20000 }),
    currency: CurrencySchema.openapi({ example: 'CNY' }),
  })
  .strict()
  .openapi('MoneyIn')

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

export function ruleMonies(rule: PromotionRule): Money[] {
  if (rule.kind === 'spend_save') return [rule.threshold, rule.amountOff]
  if (rule.kind === 'spend_percent_off') return [rule.threshold, ...(rule.cap ? [rule.cap] : [])]
  if (rule.kind === 'buy_x_get_y') return []
  return rule.tiers.flatMap((t) => [t.threshold, t.amountOff])
}

/** The one currency of a set of amounts, or null when they mix currencies. */
export function oneCurrency(monies: readonly Money[]): string | null {
  const first = monies[0]?.currency ?? null
  return monies.every((m) => m.currency === first) ? first : null
}

export const toMs = (iso: string) => Date.parse(iso)
export const toIso = (ms: number) => new Date(ms).toISOString()

export const IdParams = z.object({ id: IdSchema.openapi({ param: { name: 'id', in: 'path' } }) })

/** The rule with mutable arrays, as the response schema types it. */
export function ruleView(rule: PromotionRule): z.infer<typeof PromotionRuleSchema> {
  return rule.kind === 'tiered' ? { kind: 'tiered', tiers: [...rule.tiers] } : rule
}
