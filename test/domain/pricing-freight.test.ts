import { describe, expect, it } from 'vitest'
import { money } from '../../src/domain/money'
import { quote } from '../../src/domain/pricing/quote'
import type { Quote } from '../../src/domain/pricing/quote-types'
import type {
  CartLine,
  FreightRegionRule,
  FreightTemplate,
  PricingContext,
} from '../../src/domain/pricing/types'
import { cartLine, cny, priced, pricingContext } from '../support/pricing'

const NOW = 1_770_000_000_000

/** One unit of `sku-<lineNo>` from a store, with its weight. */
const line = (
  lineNo: number,
  storeId: string,
  unit: number,
  weightGrams: number,
  extra: Partial<CartLine> = {},
) => cartLine(lineNo, unit, { storeId, weightGrams, ...extra })

const shanghai: FreightRegionRule = {
  regions: ['CN-31', 'CN-32'],
  firstWeightGrams: 1000,
  firstWeightPrice: cny(800),
  stepGrams: 500,
  stepPrice: cny(200),
  freeOver: cny(9900),
}

const elsewhere: FreightRegionRule = {
  regions: '*',
  firstWeightGrams: 1000,
  firstWeightPrice: cny(1200),
  stepGrams: 1000,
  stepPrice: cny(500),
}

/** Store-a's freight template in force, for buyer-f at a fixed instant. */
const context = (overrides: Partial<PricingContext> = {}) =>
  pricingContext({
    now: NOW,
    userId: 'buyer-f',
    freightTemplates: [{ id: 'ft-a', storeId: 'store-a', rules: [elsewhere, shanghai] }],
    ...overrides,
  })

const pricedWith = (lines: CartLine[], overrides: Partial<PricingContext> = {}): Quote =>
  priced(lines, context(overrides))

describe('freight', () => {
  it('charges the first weight plus every started step, using the rule that names the region', () => {
    const q = pricedWith([line(1, 'store-a', 3000, 800, { qty: 2 }), line(2, 'store-a', 1000, 700)])
    expect(q.freight.byStore[0]?.shipments[0]).toMatchObject({
      weightGrams: 2300,
      templateId: 'ft-a',
      waived: false,
    })
    expect(q.freight.total).toEqual(cny(1400))
    expect(q.totals.payable).toEqual(cny(8400))
  })

  it("falls back to the '*' rule for a region no rule names", () => {
    const q = pricedWith([line(1, 'store-a', 1000, 2500)], { regionCode: 'CN-11' })
    expect(q.freight.total).toEqual(cny(2200))
  })

  it('refuses a region the store does not ship to', () => {
    const result = quote(
      { lines: [line(1, 'store-a', 1000, 100)] },
      context({
        regionCode: 'US-CA',
        freightTemplates: [{ id: 'ft-a', storeId: 'store-a', rules: [shanghai] }],
      }),
    )
    expect(result).toMatchObject({
      ok: false,
      code: 'REGION_NOT_SERVED',
      details: { storeId: 'store-a', templateId: 'ft-a', regionCode: 'US-CA' },
    })
  })

  it('waives freight when the store lines reach the threshold after coupons, before points', () => {
    const withPoints = pricedWith([line(1, 'store-a', 9900, 100)], {
      member: { level: 0, pointsBalance: 10_000 },
      pointsPolicy: { rate: { points: 1, minorUnits: 1 }, maxShareBps: 10_000 },
      pointsRequested: 5000,
    })
    expect(withPoints.freight.total).toEqual(cny(0))
    expect(withPoints.freight.byStore[0]?.shipments[0]?.waived).toBe(true)
    const withCoupon = pricedWith([line(1, 'store-a', 9900, 100)], {
      couponTemplates: [
        {
          id: 'tpl',
          threshold: cny(0),
          benefit: { kind: 'amount_off', amountOff: cny(1) },
          scope: {},
          stacking: 'stackable',
          startsAt: 0,
          endsAt: NOW + 1,
        },
      ],
      coupons: [
        {
          id: 'cpn',
          templateId: 'tpl',
          userId: 'buyer-f',
          status: 'available',
          startsAt: 0,
          endsAt: NOW + 1,
        },
      ],
    })
    expect(withCoupon.freight.total).toEqual(cny(800))
  })

  it('prices each store on its own and ships a store without a template for free', () => {
    const q = pricedWith([line(1, 'store-a', 1000, 100), line(2, 'store-b', 1000, 100)])
    expect(q.freight.byStore.map((s) => [s.storeId, s.amount.amount])).toEqual([
      ['store-a', 800],
      ['store-b', 0],
    ])
    expect(q.freight.byStore[1]?.shipments[0]?.templateId).toBeNull()
  })

  it("uses a warehouse's own template over the store default, one shipment per warehouse", () => {
    const north: FreightTemplate = {
      id: 'ft-north',
      storeId: 'store-a',
      warehouseId: 'wh-north',
      rules: [elsewhere],
    }
    const q = pricedWith(
      [
        line(1, 'store-a', 1000, 100, { warehouseId: 'wh-north' }),
        line(2, 'store-a', 1000, 100, { warehouseId: 'wh-south' }),
      ],
      { freightTemplates: [{ id: 'ft-a', storeId: 'store-a', rules: [shanghai] }, north] },
    )
    expect(
      q.freight.byStore[0]?.shipments.map((s) => [s.warehouseId, s.templateId, s.amount.amount]),
    ).toEqual([
      ['wh-north', 'ft-north', 1200],
      ['wh-south', 'ft-a', 800],
    ])
    expect(q.freight.byStore[0]?.amount).toEqual(cny(2000))
  })

  it('refuses a freight template priced in another currency', () => {
    const usd: FreightRegionRule = { ...elsewhere, firstWeightPrice: money(500, 'USD') }
    const result = quote(
      { lines: [line(1, 'store-a', 1000, 100)] },
      context({ freightTemplates: [{ id: 'ft-usd', storeId: 'store-a', rules: [usd] }] }),
    )
    expect(result).toMatchObject({
      ok: false,
      code: 'CURRENCY_MISMATCH',
      details: { templateId: 'ft-usd' },
    })
  })
})
