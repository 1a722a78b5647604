import { quote } from '../../src/domain/pricing/quote'
import type { Quote } from '../../src/domain/pricing/quote-types'
import type { CartLine, PricingContext } from '../../src/domain/pricing/types'

/** Fixtures of the pure pricing tests: cart lines, a context with nothing configured, a quote. */

export const cny = (amount: number) => ({ amount, currency: 'CNY' })

/** One unit of SKU `sku-<lineNo>` at `unit` minor units, from store-a, 100 g. */
export function cartLine(lineNo: number, unit: number, extra: Partial<CartLine> = {}): CartLine {
  return {
    lineNo,
    skuId: `sku-${lineNo}`,
    storeId: 'store-a',
    categoryId: 'cat-general',
    unitPrice: cny(unit),
    qty: 1,
    weightGrams: 100,
    ...extra,
  }
}

/** A buyer in Shanghai with no promotions, coupons, levels, points or freight configured. */
export function pricingContext(overrides: Partial<PricingContext> = {}): PricingContext {
  return {
    now: 1_750_000_000_000,
    currency: 'CNY',
    regionCode: 'CN-31',
    userId: 'buyer-1',
    member: null,
    memberLevels: [],
    pointsPolicy: null,
    pointsRequested: 0,
    promotions: [],
    couponTemplates: [],
    coupons: [],
    couponSelection: 'auto',
    freightTemplates: [],
    ...overrides,
  }
}

/** The quote of these lines, or the test fails with the refusal. */
export function priced(lines: readonly CartLine[], context: PricingContext): Quote {
  const result = quote({ lines }, context)
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
  return result.value
}
