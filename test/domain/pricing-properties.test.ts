import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { evaluateCouponSet, MAX_COUPONS_PER_ORDER } from '../../src/domain/pricing/coupon-selection'
import { classifyWallet, type UsableCoupon } from '../../src/domain/pricing/coupons'
import type {
  CartLine,
  Coupon,
  CouponTemplate,
  PricingContext,
  Promotion,
  PromotionRule,
  Scope,
} from '../../src/domain/pricing/types'
import { cny, priced } from '../support/pricing'

const NOW = 1_780_000_000_000
const BUYER = 'buyer-prop'

const cash = (max: number) => fc.integer({ min: 0, max }).map(cny)

const scopeArb: fc.Arbitrary<Scope> = fc
  .record(
    {
      storeIds: fc.subarray(['s1', 's2'], { minLength: 1 }),
      skuIds: fc.subarray(['k1', 'k2', 'k3', 'k4'], { minLength: 2 }),
      categoryIds: fc.subarray(['c1', 'c2'], { minLength: 1 }),
    },
    { requiredKeys: [] },
  )
  .map((scope) => (Object.keys(scope).length > 1 ? {} : scope))

const linesArb: fc.Arbitrary<CartLine[]> = fc
  .array(
    fc.record({
      skuId: fc.constantFrom('k1', 'k2', 'k3', 'k4'),
      storeId: fc.constantFrom('s1', 's2'),
      categoryId: fc.constantFrom('c1', 'c2'),
      unitPrice: cash(50_000),
      qty: fc.integer({ min: 1, max: 5 }),
      weightGrams: fc.integer({ min: 0, max: 3000 }),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((rows) => rows.map((row, i) => ({ ...row, lineNo: i + 1 })))

const ruleArb: fc.Arbitrary<PromotionRule> = fc.oneof(
  fc.record({
    kind: fc.constant('spend_save' as const),
    threshold: cash(50_000),
    amountOff: cash(40_000),
  }),
  fc.record(
    {
      kind: fc.constant('spend_percent_off' as const),
      threshold: cash(50_000),
      percentOffBps: fc.integer({ min: 0, max: 10_000 }),
      cap: cash(30_000),
    },
    { requiredKeys: ['kind', 'threshold', 'percentOffBps'] },
  ),
  fc.record({
    kind: fc.constant('tiered' as const),
    tiers: fc.array(fc.record({ threshold: cash(50_000), amountOff: cash(40_000) }), {
      maxLength: 3,
    }),
  }),
)

const promotionArb: fc.Arbitrary<Promotion> = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 3 }),
    store: fc.constantFrom(undefined, 's1', 's2'),
    rule: ruleArb,
    scope: scopeArb,
    minMemberLevel: fc.constantFrom(0, 0, 0, 2),
    startsAt: fc.constantFrom(NOW - 1, NOW - 1, NOW - 1, NOW + 1),
    priority: fc.integer({ min: 0, max: 3 }),
    exclusive: fc.boolean(),
  })
  .map(({ store, ...p }) => {
    const common = { ...p, endsAt: NOW + 1000 }
    return store
      ? { ...common, level: 'store' as const, storeId: store }
      : { ...common, level: 'platform' as const }
  })

const templateArb = (id: string): fc.Arbitrary<CouponTemplate> =>
  fc.record({
    id: fc.constant(id),
    threshold: cash(30_000),
    benefit: fc.oneof(
      fc.record({ kind: fc.constant('amount_off' as const), amountOff: cash(30_000) }),
      fc.record({
        kind: fc.constant('percent_off' as const),
        percentOffBps: fc.integer({ min: 0, max: 10_000 }),
        cap: cash(20_000),
      }),
    ),
    scope: scopeArb,
    stacking: fc.constantFrom('stackable' as const, 'exclusive' as const),
    startsAt: fc.constant(NOW - 1000),
    endsAt: fc.integer({ min: NOW - 10, max: NOW + 1000 }),
  })

const templatesArb = fc
  .array(fc.constantFrom('t1', 't2', 't3', 't4'), { minLength: 1, maxLength: 4 })
  .map((ids) => [...new Set(ids)])
  .chain((ids) => fc.tuple(...ids.map(templateArb)))

const walletArb = (templates: readonly CouponTemplate[]): fc.Arbitrary<Coupon[]> =>
  fc
    .array(
      fc.record({
        templateId: fc.constantFrom(...templates.map((t) => t.id)),
        status: fc.constantFrom('available' as const, 'available' as const, 'used' as const),
        startsAt: fc.integer({ min: NOW - 100, max: NOW + 5 }),
        endsAt: fc.integer({ min: NOW - 5, max: NOW + 500 }),
      }),
      { maxLength: 7 },
    )
    .map((rows) => rows.map((row, i) => ({ ...row, id: `cpn-${i}`, userId: BUYER })))

const offersArb = templatesArb.chain((templates) =>
  fc.record({ templates: fc.constant(templates), wallet: walletArb(templates) }),
)

function baseContext(overrides: Partial<PricingContext>): PricingContext {
  return {
    now: NOW,
    currency: 'CNY',
    regionCode: 'CN-31',
    userId: BUYER,
    member: null,
    memberLevels: [
      { level: 1, discountBps: 300 },
      { level: 3, discountBps: 750 },
    ],
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

const contextArb: fc.Arbitrary<PricingContext> = fc
  .record({
    promotions: fc.array(promotionArb, { maxLength: 5 }),
    offers: offersArb,
    member: fc.option(
      fc.record({
        level: fc.integer({ min: 0, max: 4 }),
        pointsBalance: fc.integer({ min: 0, max: 100_000 }),
      }),
      { nil: null },
    ),
    pointsRequested: fc.integer({ min: 0, max: 200_000 }),
    rate: fc.record({
      points: fc.integer({ min: 1, max: 200 }),
      minorUnits: fc.integer({ min: 1, max: 200 }),
    }),
    maxShareBps: fc.integer({ min: 0, max: 10_000 }),
    freeOver: fc.option(cash(80_000), { nil: undefined }),
  })
  .map(({ offers, rate, maxShareBps, freeOver, ...rest }) =>
    baseContext({
      ...rest,
      couponTemplates: offers.templates,
      coupons: offers.wallet,
      pointsPolicy: { rate, maxShareBps },
      freightTemplates: [
        {
          id: 'ft-s1',
          storeId: 's1',
          rules: [
            {
              regions: '*',
              firstWeightGrams: 1000,
              firstWeightPrice: cny(800),
              stepGrams: 500,
              stepPrice: cny(200),
              ...(freeOver ? { freeOver } : {}),
            },
          ],
        },
      ],
    }),
  )

const total = (amounts: readonly number[]) => amounts.reduce((a, b) => a + b, 0)

describe('quote properties', () => {
  it('sums every promotion, coupon and the points exactly to their discount over their lines', () => {
    fc.assert(
      fc.property(linesArb, contextArb, (lines, ctx) => {
        const q = priced(lines, ctx)
        for (const p of q.promotions.applied) {
          expect(total(p.lines.map((l) => l.amount.amount))).toBe(p.discount.amount)
          expect(p.discount.amount).toBeLessThanOrEqual(p.base.amount)
        }
        for (const c of q.coupons.chosen)
          expect(total(c.lines.map((l) => l.amount.amount))).toBe(c.deduction.amount)
        const discountOf = (level: string) =>
          total(q.promotions.applied.filter((p) => p.level === level).map((p) => p.discount.amount))
        expect(q.totals.storePromotion.amount).toBe(discountOf('store'))
        expect(q.totals.platformPromotion.amount).toBe(discountOf('platform'))
        expect(q.totals.coupon.amount).toBe(total(q.coupons.chosen.map((c) => c.deduction.amount)))
        expect(q.totals.points).toEqual(q.points.value)
        expect(q.points.value.amount).toBeLessThanOrEqual(q.points.maxValue.amount)
        expect(q.points.used).toBeLessThanOrEqual(
          Math.min(ctx.pointsRequested, ctx.member?.pointsBalance ?? 0),
        )
      }),
      { numRuns: 300 },
    )
  })

  it('keeps every line final at or above zero and the payable equal to finals plus freight', () => {
    fc.assert(
      fc.property(linesArb, contextArb, (lines, ctx) => {
        const q = priced(lines, ctx)
        for (const l of q.lines) {
          const a = l.allocations
          const taken =
            a.memberDiscount.amount + a.storePromotion.amount + a.platformPromotion.amount
          expect(l.finalAmount.amount).toBe(
            l.listAmount.amount - taken - a.coupon.amount - a.points.amount,
          )
          expect(l.finalAmount.amount).toBeGreaterThanOrEqual(0)
        }
        const finals = total(q.lines.map((l) => l.finalAmount.amount))
        expect(q.totals.payable.amount).toBe(finals + q.freight.total.amount)
        expect(q.totals.payable.amount).toBeGreaterThanOrEqual(0)
        expect(q.totals.freight).toEqual(q.freight.total)
      }),
      { numRuns: 300 },
    )
  })

  it('lets each line join at most one promotion per level', () => {
    fc.assert(
      fc.property(linesArb, contextArb, (lines, ctx) => {
        const q = priced(lines, ctx)
        for (const level of ['store', 'platform']) {
          const joined = q.promotions.applied
            .filter((p) => p.level === level)
            .flatMap((p) => p.lines.map((l) => l.lineNo))
          expect(new Set(joined).size).toBe(joined.length)
        }
      }),
      { numRuns: 300 },
    )
  })
})

/** Soonest-first expiries, compared in turn; a shorter list that is a prefix comes first. */
function expiryOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d !== 0) return d
  }
  return a.length - b.length
}

function allowedSets(usable: readonly UsableCoupon[]): UsableCoupon[][] {
  const sets: UsableCoupon[][] = []
  for (let mask = 1; mask < 1 << usable.length; mask++) {
    const set = usable.filter((_, i) => mask & (1 << i))
    const alone = set.length === 1
    const allStackable = set.every((c) => c.template.stacking === 'stackable')
    if (set.length <= MAX_COUPONS_PER_ORDER && (alone || allStackable)) sets.push(set)
  }
  return sets
}

describe('automatic coupon choice, against every alternative', () => {
  it('deducts at least as much as any usable set, and on a tie expires no later', () => {
    fc.assert(
      fc.property(linesArb, offersArb, (lines, offers) => {
        const ctx = baseContext({ couponTemplates: offers.templates, coupons: offers.wallet })
        const q = priced(lines, ctx)
        const amounts = q.lines.map((l) => l.listAmount.amount)
        const { usable } = classifyWallet(offers.wallet, {
          now: NOW,
          currency: 'CNY',
          userId: BUYER,
          lines,
          amounts,
          templates: new Map(offers.templates.map((t) => [t.id, t])),
        })
        const best = q.totals.coupon.amount
        const bestExpiries = q.coupons.chosen.map((c) => c.expiresAt).sort((a, b) => a - b)
        for (const set of allowedSets(usable)) {
          const other = evaluateCouponSet(set, amounts).total
          expect(best).toBeGreaterThanOrEqual(other)
          if (other === best && best > 0) {
            const otherExpiries = set.map((c) => c.expiresAt).sort((a, b) => a - b)
            expect(expiryOrder(bestExpiries, otherExpiries)).toBeLessThanOrEqual(0)
          }
        }
      }),
      { numRuns: 300 },
    )
  })
})
