import { describe, expect, it } from 'vitest'
import { money } from '../src/domain/money'
import { quote } from '../src/domain/pricing/quote'
import type {
  CartLine,
  Coupon,
  CouponTemplate,
  FreightTemplate,
  PricingContext,
  Promotion,
  Quote,
} from '../src/domain/pricing/types'

const cny = (amount: number) => money(amount, 'CNY')
const NOW = 1_750_000_000_000
const DAY = 86_400_000

function line(
  lineNo: number,
  storeId: string,
  unit: number,
  extra: Partial<CartLine> = {},
): CartLine {
  return {
    lineNo,
    skuId: `sku-${lineNo}`,
    storeId,
    categoryId: 'cat-general',
    unitPrice: cny(unit),
    qty: 1,
    weightGrams: 500,
    ...extra,
  }
}

function context(overrides: Partial<PricingContext> = {}): PricingContext {
  return {
    now: NOW,
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

describe('quote: the worked examples of DESIGN section 5', () => {
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
