import { z } from '@hono/zod-openapi'
import { isKnownCurrency } from '../../domain/money'

/** Money in an answer: integer minor units and the currency, as the API always shows it. */
export const MoneySchema = z
  .object({
    amount: z.number().int().openapi({ example: 4545 }),
    currency: z.string().length(3).openapi({ example: 'CNY' }),
  })
  .openapi('Money', { description: 'Integer minor units and an ISO 4217 currency code' })

/** A currency a request names: three letters the money library knows. */
export const CurrencyCodeSchema = z
  .string()
  .length(3)
  .refine(isKnownCurrency, 'must be an ISO 4217 currency code')

/** Money in a request: integer minor units, never negative. */
export const MoneyInSchema = z
  .object({
    amount: z.number().int().min(0).max(100_000_000_000).openapi({ example: 20000 }),
    currency: CurrencyCodeSchema.openapi({ example: 'CNY' }),
  })
  .strict()
  .openapi('MoneyIn')
