import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  add,
  allocateLargestRemainder,
  formatMoney,
  money,
  multiply,
  subtract,
} from '../../src/domain/money'

describe('money', () => {
  it('adds, subtracts and multiplies in minor units', () => {
    expect(add(money(1050, 'CNY'), money(250, 'CNY'))).toEqual({ amount: 1300, currency: 'CNY' })
    expect(subtract(money(1050, 'CNY'), money(50, 'CNY'))).toEqual({
      amount: 1000,
      currency: 'CNY',
    })
    expect(multiply(money(1999, 'USD'), 3)).toEqual({ amount: 5997, currency: 'USD' })
  })

  it('refuses fractional amounts and mixed currencies', () => {
    expect(() => money(10.5, 'CNY')).toThrow(RangeError)
    expect(() => add(money(1, 'CNY'), money(1, 'USD'))).toThrow()
  })
})

describe('allocateLargestRemainder', () => {
  it('gives leftover units to the largest remainders, ties to the earlier index', () => {
    expect(allocateLargestRemainder(5000, [10000, 20000])).toEqual([1667, 3333])
    expect(allocateLargestRemainder(10000, [8333, 16667, 30000])).toEqual([1515, 3030, 5455])
    expect(allocateLargestRemainder(15000, [6818, 13637, 24545])).toEqual([2273, 4546, 8181])
    expect(allocateLargestRemainder(2, [1, 1, 1])).toEqual([1, 1, 0])
  })

  it('always sums exactly to the total and never goes negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 20 }),
        (total, weights) => {
          const shares = allocateLargestRemainder(total, weights)
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total)
          expect(shares.every((s) => s >= 0)).toBe(true)
        },
      ),
    )
  })

  it('never gives a share more than one unit away from its exact proportion', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 10 }),
        (total, weights) => {
          const shares = allocateLargestRemainder(total, weights)
          const sumW = weights.reduce((a, b) => a + b, 0)
          shares.forEach((s, i) => {
            const exact = (total * (weights[i] ?? 0)) / sumW
            expect(Math.abs(s - exact)).toBeLessThan(1)
          })
        },
      ),
    )
  })
})

describe('formatMoney', () => {
  it("writes minor units with the currency's exponent and its code", () => {
    expect(formatMoney({ amount: 10000, currency: 'CNY' })).toBe('100.00 CNY')
    expect(formatMoney({ amount: 1, currency: 'CNY' })).toBe('0.01 CNY')
    expect(formatMoney({ amount: 4545, currency: 'USD' })).toBe('45.45 USD')
    expect(formatMoney({ amount: 1500, currency: 'JPY' })).toBe('1500 JPY')
    expect(formatMoney({ amount: 1234, currency: 'KWD' })).toBe('1.234 KWD')
    expect(formatMoney({ amount: -5, currency: 'USD' })).toBe('-0.05 USD')
  })

  it('says minor units when it cannot know the exponent', () => {
    expect(formatMoney({ amount: 100, currency: 'XYZ' })).toBe('100 XYZ (minor units)')
  })
})
