import { describe, expect, it } from 'vitest'
import { quote } from '../../src/domain/pricing/quote'
import type { Quote } from '../../src/domain/pricing/quote-types'
import type { Coupon, CouponTemplate, PricingContext } from '../../src/domain/pricing/types'
import { cartLine, cny, priced, pricingContext } from '../support/pricing'

const NOW = 1_760_000_000_000
const DAY = 86_400_000
const BUYER = 'buyer-c'

function template(id: string, off: number, extra: Partial<CouponTemplate> = {}): CouponTemplate {
  return {
    id,
    threshold: cny(0),
    benefit: { kind: 'amount_off', amountOff: cny(off) },
    scope: {},
    stacking: 'stackable',
    startsAt: NOW - 30 * DAY,
    endsAt: NOW + 30 * DAY,
    ...extra,
  }
}

function coupon(
  id: string,
  templateId: string,
  expiresInDays = 7,
  extra: Partial<Coupon> = {},
): Coupon {
  return {
    id,
    templateId,
    userId: BUYER,
    status: 'available',
    startsAt: NOW - DAY,
    endsAt: NOW + expiresInDays * DAY,
    ...extra,
  }
}

/** Nothing configured but what a test gives, for buyer-c at a fixed instant. */
const context = (overrides: Partial<PricingContext>) =>
  pricingContext({ now: NOW, userId: BUYER, ...overrides })

const cart = { lines: [cartLine(1, 10000), cartLine(2, 20000)] }

const pricedWith = (overrides: Partial<PricingContext>, lines = cart.lines): Quote =>
  priced(lines, context(overrides))

const chosen = (q: Quote) => q.coupons.chosen.map((c) => [c.couponId, c.deduction.amount])

describe('automatic coupon choice', () => {
  it('stacks stackable coupons when together they beat an exclusive one', () => {
    const q = pricedWith({
      couponTemplates: [
        template('t20', 2000),
        template('t15', 1500),
        template('x30', 3000, { stacking: 'exclusive' }),
      ],
      coupons: [coupon('c20', 't20'), coupon('c15', 't15'), coupon('x30', 'x30')],
    })
    expect(chosen(q).sort()).toEqual([
      ['c15', 1500],
      ['c20', 2000],
    ])
    expect(q.totals.coupon).toEqual(cny(3500))
  })

  it('uses an exclusive coupon alone when it deducts the most', () => {
    const q = pricedWith({
      couponTemplates: [template('t20', 2000), template('x50', 5000, { stacking: 'exclusive' })],
      coupons: [coupon('c20', 't20'), coupon('x50', 'x50')],
    })
    expect(chosen(q)).toEqual([['x50', 5000]])
  })

  it('breaks a tie in deduction by spending the coupon that expires soonest', () => {
    const q = pricedWith({
      couponTemplates: [
        template('a', 1000, { stacking: 'exclusive' }),
        template('b', 1000, { stacking: 'exclusive' }),
      ],
      coupons: [coupon('later', 'a', 9), coupon('sooner', 'b', 2)],
    })
    expect(chosen(q)).toEqual([['sooner', 1000]])
  })

  it('stacks at most three coupons, the soonest-expiring of equals', () => {
    const q = pricedWith({
      couponTemplates: [template('t10', 1000)],
      coupons: [
        coupon('d4', 't10', 4),
        coupon('d1', 't10', 1),
        coupon('d3', 't10', 3),
        coupon('d2', 't10', 2),
      ],
    })
    expect(chosen(q).map(([id]) => id)).toEqual(['d1', 'd2', 'd3'])
    expect(q.totals.coupon).toEqual(cny(3000))
  })

  it('lists the wallet coupons it could not use, with why', () => {
    const q = pricedWith({
      couponTemplates: [
        template('t', 500),
        template('big', 500, { threshold: cny(50000) }),
        template('shoes', 500, { scope: { categoryIds: ['shoes'] } }),
      ],
      coupons: [
        coupon('used', 't', 7, { status: 'used' }),
        coupon('expired', 't', 7, { endsAt: NOW }),
        coupon('early', 't', 7, { startsAt: NOW + 1 }),
        coupon('threshold', 'big'),
        coupon('scope', 'shoes'),
        coupon('orphan', 'no-such-template'),
      ],
    })
    expect(q.coupons.chosen).toEqual([])
    expect(q.coupons.unusable.map((c) => [c.couponId, c.reason])).toEqual([
      ['used', 'USED'],
      ['expired', 'EXPIRED'],
      ['early', 'NOT_STARTED'],
      ['threshold', 'THRESHOLD_NOT_MET'],
      ['scope', 'NOT_APPLICABLE'],
      ['orphan', 'NOT_FOUND'],
    ])
  })

  it('spends no coupon when none would deduct anything', () => {
    const q = pricedWith({ couponTemplates: [template('t', 500)], coupons: [coupon('c', 't')] }, [
      cartLine(1, 0),
    ])
    expect(q.coupons.chosen).toEqual([])
  })

  it('checks the coupon threshold on in-scope amounts after promotions', () => {
    const q = pricedWith({
      promotions: [
        {
          id: 'promo',
          level: 'platform',
          rule: { kind: 'spend_save', threshold: cny(0), amountOff: cny(1000) },
          scope: {},
          startsAt: NOW - DAY,
          endsAt: NOW + DAY,
          priority: 1,
          exclusive: false,
        },
      ],
      couponTemplates: [template('t', 500, { threshold: cny(30000) })],
      coupons: [coupon('c', 't')],
    })
    expect(q.coupons.unusable).toEqual([{ couponId: 'c', reason: 'THRESHOLD_NOT_MET' }])
  })

  it('takes a percentage floored to the minor unit and capped', () => {
    const percent = (cap?: number) =>
      template('pct', 0, {
        benefit: {
          kind: 'percent_off',
          percentOffBps: 333,
          ...(cap === undefined ? {} : { cap: cny(cap) }),
        },
      })
    expect(
      chosen(pricedWith({ couponTemplates: [percent()], coupons: [coupon('p', 'pct')] })),
    ).toEqual([['p', 999]])
    expect(
      chosen(pricedWith({ couponTemplates: [percent(500)], coupons: [coupon('p', 'pct')] })),
    ).toEqual([['p', 500]])
  })

  it('never lets stacked coupons take the lines below zero', () => {
    const q = pricedWith(
      {
        couponTemplates: [template('t80', 8000)],
        coupons: [coupon('a', 't80'), coupon('b', 't80')],
      },
      [cartLine(1, 10000)],
    )
    expect(q.totals.coupon).toEqual(cny(10000))
    expect(q.totals.payable).toEqual(cny(0))
  })
})

describe('explicit coupon choice', () => {
  const templates = [template('t10', 1000), template('x', 2000, { stacking: 'exclusive' })]
  const wallet = [
    coupon('a', 't10'),
    coupon('b', 't10'),
    coupon('c', 't10'),
    coupon('d', 't10'),
    coupon('x', 'x'),
  ]

  it('uses exactly the named coupons, even when another set would save more', () => {
    const q = pricedWith({ couponTemplates: templates, coupons: wallet, couponSelection: ['a'] })
    expect(chosen(q)).toEqual([['a', 1000]])
    expect(q.coupons.selection).toBe('explicit')
  })

  it('uses no coupon when asked for none', () => {
    const q = pricedWith({ couponTemplates: templates, coupons: wallet, couponSelection: 'none' })
    expect(q.coupons.chosen).toEqual([])
  })

  it('refuses the whole choice, naming each coupon it cannot use', () => {
    const stranger = coupon('theirs', 't10', 7, { userId: 'someone-else' })
    const result = quote(
      cart,
      context({
        couponTemplates: templates,
        coupons: [...wallet, stranger],
        couponSelection: ['x', 'a', 'a', 'nope', 'theirs'],
      }),
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.code).toBe('COUPON_NOT_USABLE')
    expect(result.details.rejected).toEqual([
      { couponId: 'x', reason: 'NOT_STACKABLE' },
      { couponId: 'a', reason: 'DUPLICATE' },
      { couponId: 'nope', reason: 'NOT_FOUND' },
      { couponId: 'theirs', reason: 'NOT_FOUND' },
    ])
  })

  it('refuses more than three coupons', () => {
    const result = quote(
      cart,
      context({
        couponTemplates: templates,
        coupons: wallet,
        couponSelection: ['a', 'b', 'c', 'd'],
      }),
    )
    expect(result.ok ? [] : result.details.rejected).toEqual([
      { couponId: 'd', reason: 'TOO_MANY_COUPONS' },
    ])
  })
})
