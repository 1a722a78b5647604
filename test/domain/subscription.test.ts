import { describe, expect, it } from 'vitest'
import { addPeriods, isoPeriod, parsePeriod } from '../../src/domain/subscription/period'
import {
  callerStep,
  declinedStep,
  newSubscription,
  renewedStep,
  retryScheduleFrom,
} from '../../src/domain/subscription/steps'
import type { Plan } from '../../src/domain/subscription/types'

const day = 86_400_000
const plan: Plan = {
  period: 'P1W',
  cycles: 2,
  pricePerCycle: { amount: 1000, currency: 'CNY' },
  storeId: 'store-1',
  lines: [{ skuId: 'sku-1', qty: 1 }],
  address: { name: 'A', phone: '123', region: 'CN-31', city: 'Shanghai', line1: '1 Road' },
  paymentMethod: 'pm_sandbox_visa',
}
const start = Date.UTC(2027, 0, 31, 9, 30)
const fresh = () => newSubscription({ id: 'sub_1', userId: 'u1', plan, startAt: start, now: start })

describe('subscription periods', () => {
  it('reads ISO-8601 durations and day counts, and nothing else', () => {
    expect(parsePeriod('P1W')).toEqual({ unit: 'W', count: 1 })
    expect(parsePeriod('P14D')).toEqual({ unit: 'D', count: 14 })
    expect(parsePeriod(30)).toEqual({ unit: 'D', count: 30 })
    expect(isoPeriod({ unit: 'D', count: 30 })).toBe('P30D')
    for (const bad of ['P0D', 'P1H', '1W', 'PT1M', 'P1W2D', 0, 1.5, 1000]) {
      expect(parsePeriod(bad)).toBeNull()
    }
  })

  it('adds calendar months from the anchor, the 31st on the last day of short months', () => {
    const month = { unit: 'M', count: 1 } as const
    const dates = [1, 2, 3].map((n) => new Date(addPeriods(start, month, n)).toISOString())
    expect(dates).toEqual([
      '2027-02-28T09:30:00.000Z',
      '2027-03-31T09:30:00.000Z',
      '2027-04-30T09:30:00.000Z',
    ])
    expect(addPeriods(start, { unit: 'W', count: 2 }, 3)).toBe(start + 42 * day)
    expect(new Date(addPeriods(start, { unit: 'Y', count: 1 }, 1)).toISOString()).toBe(
      '2028-01-31T09:30:00.000Z',
    )
  })
})

describe('subscription steps', () => {
  it('completes after the planned number of cycles', () => {
    const once = renewedStep(fresh(), start)
    expect([once.status, once.cyclesDone, once.slot, once.nextDueAt]).toEqual([
      'active',
      1,
      1,
      start + 7 * day,
    ])
    const twice = renewedStep(once, start + 7 * day)
    expect([twice.status, twice.cyclesDone, twice.nextDueAt]).toEqual(['completed', 2, null])
  })

  it('retries a declined renewal on the schedule, then suspends', () => {
    const failure = { code: 'PAYMENT_DECLINED', message: 'declined', at: start, orderId: null }
    let sub = fresh()
    const dues: (number | null)[] = []
    for (let i = 0; i < 3; i++) {
      sub = declinedStep(sub, failure, [60, 600], start)
      dues.push(sub.nextDueAt)
    }
    expect(dues).toEqual([start + 60_000, start + 600_000, null])
    expect([sub.status, sub.attempt]).toEqual(['suspended', 3])
    const resumed = callerStep(sub, 'resume', 'buyer', start + day)
    if (!resumed.ok) throw new Error(resumed.message)
    expect([resumed.sub.status, resumed.sub.attempt, resumed.sub.nextDueAt]).toEqual([
      'active',
      0,
      start + day,
    ])
  })

  it('counts a paid renewal that finishes after a pause without renewing again', () => {
    const paused = callerStep(fresh(), 'pause', 'buyer', start)
    if (!paused.ok) throw new Error(paused.message)
    const renewed = renewedStep(paused.sub, start)
    expect([renewed.status, renewed.cyclesDone, renewed.nextDueAt]).toEqual(['paused', 1, null])
  })

  it('refuses what the machine does not allow, by role and by state', () => {
    expect(callerStep(fresh(), 'pause', 'merchant', start)).toMatchObject({ code: 'FORBIDDEN' })
    expect(callerStep(fresh(), 'resume', 'buyer', start)).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    })
  })

  it('reads the retry schedule, falling back to the default on nonsense', () => {
    expect(retryScheduleFrom('3600,21600,86400')).toEqual([3600, 21600, 86400])
    expect(retryScheduleFrom('0')).toEqual([])
    expect(retryScheduleFrom('-1,x')).toEqual([3600, 86400, 259200])
    expect(retryScheduleFrom(undefined)).toEqual([3600, 86400, 259200])
  })
})
