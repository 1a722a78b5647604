import { describe, expect, it } from 'vitest'
import { money } from '../../src/domain/money'
import type { Quote } from '../../src/domain/pricing/quote-types'
import type {
  CartLine,
  PricingContext,
  Promotion,
  PromotionRule,
} from '../../src/domain/pricing/types'
import { cartLine, cny, priced, pricingContext } from '../support/pricing'

const NOW = 1_750_000_000_000
const HOUR = 3_600_000

/** No coupons chosen, so only promotions discount, for buyer-p at a fixed instant. */
const context = (overrides: Partial<PricingContext> = {}) =>
  pricingContext({ now: NOW, userId: 'buyer-p', couponSelection: 'none', ...overrides })

const save = (threshold: number, off: number): PromotionRule => ({
  kind: 'spend_save',
  threshold: cny(threshold),
  amountOff: cny(off),
})

function platform(id: string, rule: PromotionRule, extra: Partial<Promotion> = {}): Promotion {
  return {
    id,
    level: 'platform',
    rule,
    scope: {},
    startsAt: NOW - HOUR,
    endsAt: NOW + HOUR,
    priority: 10,
    exclusive: false,
    ...extra,
  } as Promotion
}

function storePromo(
  id: string,
  storeId: string,
  rule: PromotionRule,
  extra: Partial<Promotion> = {},
): Promotion {
  return { ...platform(id, rule, extra), level: 'store', storeId } as Promotion
}

const pricedWith = (
  lines: CartLine[],
  promotions: Promotion[],
  extra: Partial<PricingContext> = {},
): Quote => priced(lines, context({ promotions, ...extra }))

const applied = (q: Quote) => q.promotions.applied.map((p) => [p.promotionId, p.discount.amount])
const skipped = (q: Quote) => q.promotions.notApplied.map((p) => [p.promotionId, p.reason])

describe('promotion selection', () => {
  it('lets a line join only the highest-priority promotion of a level; the other is outranked', () => {
    const q = pricedWith(
      [cartLine(1, 10000), cartLine(2, 20000)],
      [
        platform('low', save(10000, 1000), { priority: 1 }),
        platform('high', save(10000, 2000), { priority: 5 }),
      ],
    )
    expect(applied(q)).toEqual([['high', 2000]])
    expect(skipped(q)).toEqual([['low', 'OUTRANKED']])
  })

  it('breaks a priority tie in favour of the lower id', () => {
    const q = pricedWith(
      [cartLine(1, 10000)],
      [platform('p-b', save(0, 300)), platform('p-a', save(0, 100))],
    )
    expect(applied(q)).toEqual([['p-a', 100]])
  })

  it('leaves the lines of a higher promotion whose threshold is not met to the next one', () => {
    const q = pricedWith(
      [cartLine(1, 15000)],
      [
        platform('big', save(50000, 10000), { priority: 9 }),
        platform('small', save(10000, 1000), { priority: 1 }),
      ],
    )
    expect(applied(q)).toEqual([['small', 1000]])
    expect(skipped(q)).toEqual([['big', 'THRESHOLD_NOT_MET']])
  })

  it('lets a lower promotion take the lines a higher one does not cover', () => {
    const q = pricedWith(
      [cartLine(1, 10000, { categoryId: 'shoes' }), cartLine(2, 10000, { categoryId: 'hats' })],
      [
        platform('shoes', save(5000, 500), { priority: 9, scope: { categoryIds: ['shoes'] } }),
        platform('all', save(5000, 700), { priority: 1 }),
      ],
    )
    expect(q.promotions.applied.map((p) => [p.promotionId, p.lines.map((l) => l.lineNo)])).toEqual([
      ['shoes', [1]],
      ['all', [2]],
    ])
  })

  it('checks the threshold on the in-scope lines only, by SKU', () => {
    const q = pricedWith(
      [cartLine(1, 8000, { skuId: 'sku-x' }), cartLine(2, 5000)],
      [platform('x-only', save(10000, 1000), { scope: { skuIds: ['sku-x'] } })],
    )
    expect(skipped(q)).toEqual([['x-only', 'THRESHOLD_NOT_MET']])
  })

  it('checks the platform threshold on the amounts left after the store layer', () => {
    const q = pricedWith(
      [cartLine(1, 10000), cartLine(2, 20000)],
      [
        storePromo('store-50', 'store-a', save(20000, 5000)),
        platform('plat-300', save(30000, 3000)),
      ],
    )
    expect(applied(q)).toEqual([['store-50', 5000]])
    expect(skipped(q)).toEqual([['plat-300', 'THRESHOLD_NOT_MET']])
  })

  it('keeps a store promotion to its own store, and reports one with no line here', () => {
    const q = pricedWith(
      [cartLine(1, 10000), cartLine(2, 10000, { storeId: 'store-b' })],
      [
        storePromo('a-promo', 'store-a', save(0, 500)),
        storePromo('c-promo', 'store-c', save(0, 500)),
      ],
    )
    expect(q.promotions.applied[0]?.lines.map((l) => l.lineNo)).toEqual([1])
    expect(skipped(q)).toEqual([['c-promo', 'NO_LINE_IN_SCOPE']])
  })

  it('applies only inside [startsAt, endsAt) and only to members of the minimum level', () => {
    const q = pricedWith(
      [cartLine(1, 10000)],
      [
        platform('ended', save(0, 100), { endsAt: NOW }),
        platform('future', save(0, 100), { startsAt: NOW + 1 }),
        platform('gold', save(0, 100), { minMemberLevel: 3 }),
      ],
      { member: { level: 2, pointsBalance: 0 } },
    )
    expect(skipped(q)).toEqual([
      ['ended', 'OUT_OF_WINDOW'],
      ['future', 'OUT_OF_WINDOW'],
      ['gold', 'MEMBER_LEVEL_TOO_LOW'],
    ])
  })

  it('reports a promotion priced in another currency as not applying', () => {
    const usd: PromotionRule = {
      kind: 'spend_save',
      threshold: money(0, 'USD'),
      amountOff: money(100, 'USD'),
    }
    expect(skipped(pricedWith([cartLine(1, 10000)], [platform('usd', usd)]))).toEqual([
      ['usd', 'CURRENCY_MISMATCH'],
    ])
  })

  it('keeps the lines of an exclusive store promotion out of every platform promotion', () => {
    const q = pricedWith(
      [cartLine(1, 10000), cartLine(2, 10000, { storeId: 'store-b' })],
      [
        storePromo('solo', 'store-a', save(0, 1000), { exclusive: true }),
        platform('plat', save(0, 600)),
      ],
    )
    expect(q.promotions.applied.map((p) => [p.promotionId, p.lines.map((l) => l.lineNo)])).toEqual([
      ['solo', [1]],
      ['plat', [2]],
    ])
  })

  it('refuses an exclusive platform promotion on lines that already joined a store promotion', () => {
    const q = pricedWith(
      [cartLine(1, 10000)],
      [
        storePromo('shop', 'store-a', save(0, 1000)),
        platform('only-me', save(0, 600), { exclusive: true }),
      ],
    )
    expect(skipped(q)).toEqual([['only-me', 'EXCLUSIVE_CONFLICT']])
  })
})

describe('promotion rules', () => {
  it('takes a percentage floored to the minor unit, up to its cap', () => {
    const percent = (cap?: number): PromotionRule => ({
      kind: 'spend_percent_off',
      threshold: cny(10000),
      percentOffBps: 1500,
      ...(cap === undefined ? {} : { cap: cny(cap) }),
    })
    expect(applied(pricedWith([cartLine(1, 33333)], [platform('p15', percent())]))).toEqual([
      ['p15', 4999],
    ])
    expect(applied(pricedWith([cartLine(1, 33333)], [platform('p15', percent(3000))]))).toEqual([
      ['p15', 3000],
    ])
  })

  it('gives the richest tier reached', () => {
    const tiers: PromotionRule = {
      kind: 'tiered',
      tiers: [
        { threshold: cny(20000), amountOff: cny(3000) },
        { threshold: cny(10000), amountOff: cny(1000) },
      ],
    }
    expect(applied(pricedWith([cartLine(1, 25000)], [platform('t', tiers)]))).toEqual([['t', 3000]])
    expect(applied(pricedWith([cartLine(1, 15000)], [platform('t', tiers)]))).toEqual([['t', 1000]])
    expect(skipped(pricedWith([cartLine(1, 9999)], [platform('t', tiers)]))).toEqual([
      ['t', 'THRESHOLD_NOT_MET'],
    ])
  })

  it('never discounts more than the lines cost', () => {
    const q = pricedWith([cartLine(1, 3000)], [platform('huge', save(0, 5000))])
    expect(applied(q)).toEqual([['huge', 3000]])
    expect(q.totals.payable).toEqual(cny(0))
  })
})
