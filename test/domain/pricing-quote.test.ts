import { describe, expect, it } from 'vitest'
import { money } from '../../src/domain/money'
import { quote } from '../../src/domain/pricing/quote'
import type { Quote } from '../../src/domain/pricing/quote-types'
import type {
  CartLine,
  Coupon,
  CouponTemplate,
  PricingContext,
  Promotion,
} from '../../src/domain/pricing/types'
import { cartLine, cny, pricingContext } from '../support/pricing'

const NOW = 1_750_000_000_000
const DAY = 86_400_000

/** One unit of `sku-<lineNo>` from a store, 500 g. */
const line = (lineNo: number, storeId: string, unit: number, extra: Partial<CartLine> = {}) =>
  cartLine(lineNo, unit, { storeId, weightGrams: 500, ...extra })

const context = (overrides: Partial<PricingContext> = {}) =>
  pricingContext({ now: NOW, ...overrides })

function spendSave(
  id: string,
  threshold: number,
  off: number,
  level: Promotion['level'] = 'platform',
  storeId = '',
): Promotion {
  const common = {
    id,
    rule: { kind: 'spend_save' as const, threshold: cny(threshold), amountOff: cny(off) },
    scope: {},
    startsAt: NOW - DAY,
    endsAt: NOW + DAY,
    priority: 10,
    exclusive: false,
  }
  return level === 'store' ? { ...common, level, storeId } : { ...common, level }
}

function voucher(id: string, amountOff: number): { template: CouponTemplate; coupon: Coupon } {
  const template: CouponTemplate = {
    id: `tpl-${id}`,
    threshold: cny(0),
    benefit: { kind: 'amount_off', amountOff: cny(amountOff) },
    scope: {},
    stacking: 'stackable',
    startsAt: NOW - DAY,
    endsAt: NOW + 30 * DAY,
  }
  const coupon: Coupon = {
    id,
    templateId: template.id,
    userId: 'buyer-1',
    status: 'available',
    startsAt: NOW - DAY,
    endsAt: NOW + 7 * DAY,
  }
  return { template, coupon }
}

function ok(result: ReturnType<typeof quote>): Quote {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
  return result.value
}

const finals = (q: Quote) => q.lines.map((l) => l.finalAmount.amount)

describe('quote: the worked discount examples', () => {
  it('spreads store promotion, platform promotion and voucher in layers to the cent', () => {
    const { template, coupon } = voucher('cpn-150', 15000)
    const q = ok(
      quote(
        {
          lines: [line(1, 'store-a', 10000), line(2, 'store-a', 20000), line(3, 'store-b', 30000)],
        },
        context({
          promotions: [
            {
              ...spendSave('promo-a', 20000, 5000, 'store', 'store-a'),
              scope: { storeIds: ['store-a'] },
            },
            spendSave('promo-platform', 20000, 10000),
          ],
          couponTemplates: [template],
          coupons: [coupon],
        }),
      ),
    )
    expect(q.totals.payable).toEqual(cny(30000))
    expect(finals(q)).toEqual([4545, 9091, 16364])
    expect(q.lines.map((l) => l.allocations.storePromotion.amount)).toEqual([1667, 3333, 0])
    expect(q.lines.map((l) => l.allocations.platformPromotion.amount)).toEqual([1515, 3030, 5455])
    expect(q.lines.map((l) => l.allocations.coupon.amount)).toEqual([2273, 4546, 8181])
    expect(q.totals.freight).toEqual(cny(0))
    expect(q.coupons.chosen.map((c) => [c.couponId, c.deduction.amount])).toEqual([
      ['cpn-150', 15000],
    ])
    expect(
      q.promotions.applied.map((p) => [p.promotionId, p.base.amount, p.discount.amount]),
    ).toEqual([
      ['promo-a', 30000, 5000],
      ['promo-platform', 55000, 10000],
    ])
  })

  it('makes A pay 83.33 of 250.00 under "spend 100 save 50"', () => {
    const q = ok(
      quote(
        { lines: [line(1, 'store-a', 10000), line(2, 'store-a', 20000)] },
        context({ promotions: [spendSave('promo-50', 10000, 5000)] }),
      ),
    )
    expect(q.totals.payable).toEqual(cny(25000))
    expect(finals(q)).toEqual([8333, 16667])
  })
})

describe('quote: member price and points', () => {
  const levels = [
    { level: 1, discountBps: 200 },
    { level: 3, discountBps: 500 },
  ]

  it('applies the discount of the highest level reached, floored per line, before promotions', () => {
    const q = ok(
      quote(
        { lines: [line(1, 'store-a', 9999), line(2, 'store-a', 10000)] },
        context({ member: { level: 4, pointsBalance: 0 }, memberLevels: levels }),
      ),
    )
    expect(q.lines.map((l) => [l.allocations.memberDiscount.amount, l.baseAmount.amount])).toEqual([
      [499, 9500],
      [500, 9500],
    ])
    const silver = ok(
      quote(
        { lines: [line(1, 'store-a', 10000)] },
        context({ member: { level: 2, pointsBalance: 0 }, memberLevels: levels }),
      ),
    )
    expect(silver.totals.memberDiscount).toEqual(cny(200))
  })

  it('checks promotion thresholds against the member price', () => {
    const q = ok(
      quote(
        { lines: [line(1, 'store-a', 10000)] },
        context({
          member: { level: 3, pointsBalance: 0 },
          memberLevels: levels,
          promotions: [spendSave('spend-100', 10000, 1000)],
        }),
      ),
    )
    expect(q.promotions.notApplied).toEqual([
      { promotionId: 'spend-100', level: 'platform', reason: 'THRESHOLD_NOT_MET' },
    ])
  })

  it('caps points by the share of the amount after coupons and spreads them over every line', () => {
    const q = ok(
      quote(
        { lines: [line(1, 'store-a', 10000), line(2, 'store-b', 20000)] },
        context({
          member: { level: 0, pointsBalance: 50_000 },
          pointsPolicy: { rate: { points: 100, minorUnits: 100 }, maxShareBps: 5000 },
          pointsRequested: 20_000,
        }),
      ),
    )
    expect(q.points).toEqual({
      requested: 20_000,
      used: 15_000,
      value: cny(15_000),
      maxValue: cny(15_000),
    })
    expect(q.lines.map((l) => l.allocations.points.amount)).toEqual([5000, 10000])
    expect(q.totals.payable).toEqual(cny(15_000))
  })

  it('caps points by the balance and spends them only in whole exchange units', () => {
    const policy = { rate: { points: 100, minorUnits: 1 }, maxShareBps: 10_000 }
    const q = ok(
      quote(
        { lines: [line(1, 'store-a', 10000)] },
        context({
          member: { level: 0, pointsBalance: 1_250 },
          pointsPolicy: policy,
          pointsRequested: 9_999,
        }),
      ),
    )
    expect([q.points.used, q.points.value.amount]).toEqual([1_200, 12])
  })

  it('redeems no points for a buyer without a membership', () => {
    const policy = { rate: { points: 1, minorUnits: 1 }, maxShareBps: 10_000 }
    const q = ok(
      quote(
        { lines: [line(1, 'store-a', 1000)] },
        context({ pointsPolicy: policy, pointsRequested: 500 }),
      ),
    )
    expect(q.points.used).toBe(0)
  })
})

describe('quote: refused input', () => {
  const refused = (result: ReturnType<typeof quote>) => (result.ok ? 'ok' : result.code)

  it('refuses an empty cart, an unknown currency and a line in another currency', () => {
    expect(refused(quote({ lines: [] }, context()))).toBe('EMPTY_CART')
    expect(refused(quote({ lines: [line(1, 'store-a', 100)] }, context({ currency: 'ZZZ' })))).toBe(
      'UNKNOWN_CURRENCY',
    )
    const usd = { ...line(2, 'store-a', 100), unitPrice: money(100, 'USD') }
    const result = quote({ lines: [line(1, 'store-a', 100), usd] }, context())
    expect(result).toMatchObject({
      ok: false,
      code: 'CURRENCY_MISMATCH',
      details: { lineNo: 2, actual: 'USD' },
    })
  })

  it('refuses repeated line numbers, a zero quantity and a fractional price', () => {
    expect(
      refused(quote({ lines: [line(1, 'store-a', 100), line(1, 'store-a', 100)] }, context())),
    ).toBe('INVALID_CART')
    expect(refused(quote({ lines: [line(1, 'store-a', 100, { qty: 0 })] }, context()))).toBe(
      'INVALID_CART',
    )
    const fractional = { ...line(1, 'store-a', 100), unitPrice: { amount: 10.5, currency: 'CNY' } }
    expect(refused(quote({ lines: [fractional] }, context()))).toBe('INVALID_CART')
  })

  it('refuses a percentage above 100% and a points policy without a rate', () => {
    const silly: Promotion = {
      ...spendSave('silly', 0, 0),
      rule: { kind: 'spend_percent_off', threshold: cny(0), percentOffBps: 10_001 },
    }
    expect(
      refused(quote({ lines: [line(1, 'store-a', 100)] }, context({ promotions: [silly] }))),
    ).toBe('INVALID_CONTEXT')
    const policy = { rate: { points: 0, minorUnits: 1 }, maxShareBps: 100 }
    expect(
      refused(quote({ lines: [line(1, 'store-a', 100)] }, context({ pointsPolicy: policy }))),
    ).toBe('INVALID_CONTEXT')
  })
})
