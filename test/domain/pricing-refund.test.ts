import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { refundableAmount, unitAmounts } from '../../src/domain/pricing/quote'
import { cny } from '../support/pricing'

describe('refund of part of a line', () => {
  it('spreads the line final over its units, larger shares first', () => {
    const units = unitAmounts(cny(8333), 3)
    expect(units.ok && units.value.map((m) => m.amount)).toEqual([2778, 2778, 2777])
  })

  it('pays back 55.56 for two of three units of a line that cost 83.33', () => {
    expect(refundableAmount({ finalAmount: cny(8333), qty: 3 }, 2)).toEqual({
      ok: true,
      value: cny(5556),
    })
  })

  it('takes the next units on a later refund, so all refunds add up to the line final', () => {
    const line = { finalAmount: cny(8333), qty: 3 }
    expect(refundableAmount(line, 1, 2)).toEqual({ ok: true, value: cny(2777) })
  })

  it('refuses more units than are left, and a bad quantity', () => {
    expect(refundableAmount({ finalAmount: cny(100), qty: 3 }, 2, 2)).toMatchObject({
      ok: false,
      code: 'INVALID_QUANTITY',
    })
    expect(unitAmounts(cny(100), 0)).toMatchObject({ ok: false, code: 'INVALID_QUANTITY' })
  })

  it('sums the unit amounts exactly to the line final, whatever the split into refunds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        (final, qty, cut) => {
          const units = unitAmounts(cny(final), qty)
          expect(units.ok && units.value.reduce((acc, m) => acc + m.amount, 0)).toBe(final)
          const first = Math.min(cut, qty)
          const line = { finalAmount: cny(final), qty }
          const a = refundableAmount(line, first)
          const b = refundableAmount(line, qty - first, first)
          expect(a.ok && b.ok && a.value.amount + b.value.amount).toBe(final)
        },
      ),
    )
  })
})
