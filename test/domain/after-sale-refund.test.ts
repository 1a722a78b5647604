import { describe, expect, it } from 'vitest'
import {
  planRefund,
  type RefundBasis,
  type RefundPlan,
  refundsEverything,
} from '../../src/domain/after-sale/refund-amounts'
import { splitRefundOverPayments } from '../../src/domain/after-sale/refund-payments'
import { pointsReturnedAt } from '../../src/domain/after-sale/refund-points'

/** The worked discount example: tea 100, teapot 200 (store A), speaker 300 (store B); pays 300.00. */
const designExample: RefundBasis = {
  currency: 'CNY',
  lines: [
    { lineNo: 1, qty: 1, finalAmount: 4545 },
    { lineNo: 2, qty: 1, finalAmount: 9091 },
    { lineNo: 3, qty: 1, finalAmount: 16364 },
  ],
  freight: 0,
  pointsUsed: 0,
  nothingShipped: false,
  refunded: {},
}

function planned(basis: RefundBasis, request: { lineNo: number; qty: number }[]): RefundPlan {
  const result = planRefund(basis, request)
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
  return result.value
}

/** The basis after `plan` committed: its units count as refunded. */
function committed(basis: RefundBasis, plan: RefundPlan): RefundBasis {
  const refunded = { ...basis.refunded }
  for (const l of plan.lines) refunded[l.lineNo] = (refunded[l.lineNo] ?? 0) + l.qty
  return { ...basis, refunded }
}

describe('refund amounts of an after-sale', () => {
  it('pays back exactly 45.45, 90.91 and 163.64 for the lines of the worked discount example', () => {
    let basis = designExample
    const totals: number[] = []
    for (const lineNo of [1, 2, 3]) {
      const plan = planned(basis, [{ lineNo, qty: 1 }])
      totals.push(plan.total)
      basis = committed(basis, plan)
    }
    expect(totals).toEqual([4545, 9091, 16364])
    expect(totals.reduce((a, b) => a + b, 0)).toBe(30000)
  })

  it('refunds a line of the worked discount example together with the others in one request', () => {
    const plan = planned(designExample, [
      { lineNo: 3, qty: 1 },
      { lineNo: 1, qty: 1 },
    ])
    expect(plan.lines).toEqual([
      { lineNo: 3, qty: 1, firstUnit: 0, amount: 16364 },
      { lineNo: 1, qty: 1, firstUnit: 0, amount: 4545 },
    ])
    expect(plan).toMatchObject({ items: 20909, freight: 0, total: 20909, closesOrder: false })
  })

  it('takes the next units of a line by largest remainder: 83.33 over 3 is 27.78, 27.78, 27.77', () => {
    const basis: RefundBasis = {
      ...designExample,
      lines: [{ lineNo: 1, qty: 3, finalAmount: 8333 }],
    }
    const first = planned(basis, [{ lineNo: 1, qty: 2 }])
    expect(first.lines[0]).toEqual({ lineNo: 1, qty: 2, firstUnit: 0, amount: 5556 })
    const last = planned(committed(basis, first), [{ lineNo: 1, qty: 1 }])
    expect(last).toMatchObject({ total: 2777, closesOrder: true })
    expect(last.lines[0]?.firstUnit).toBe(2)
  })

  it('refunds the freight with the refund that empties an order that never shipped, only then', () => {
    const unshipped: RefundBasis = { ...designExample, freight: 1000, nothingShipped: true }
    const partial = planned(unshipped, [{ lineNo: 1, qty: 1 }])
    expect(partial).toMatchObject({ freight: 0, total: 4545, closesOrder: false })
    const rest = planned(committed(unshipped, partial), [
      { lineNo: 2, qty: 1 },
      { lineNo: 3, qty: 1 },
    ])
    expect(rest).toMatchObject({ items: 25455, freight: 1000, total: 26455, closesOrder: true })
    const shipped = planned({ ...unshipped, nothingShipped: false }, [
      { lineNo: 1, qty: 1 },
      { lineNo: 2, qty: 1 },
      { lineNo: 3, qty: 1 },
    ])
    expect(shipped).toMatchObject({ freight: 0, total: 30000, closesOrder: true })
  })

  it('returns points in proportion, the last refund taking what the round-downs left', () => {
    let basis: RefundBasis = { ...designExample, pointsUsed: 100 }
    const points: number[] = []
    for (const lineNo of [1, 2, 3]) {
      const plan = planned(basis, [{ lineNo, qty: 1 }])
      points.push(plan.points)
      basis = committed(basis, plan)
    }
    // floor(100 x 4545 / 30000) = 15; floor(100 x 13636 / 30000) = 45, so 30; then the 55 left.
    expect(points).toEqual([15, 30, 55])
  })

  it('weighs points by units when points and coupons paid for everything', () => {
    const free: RefundBasis = {
      ...designExample,
      lines: [{ lineNo: 1, qty: 3, finalAmount: 0 }],
      pointsUsed: 10,
    }
    const one = planned(free, [{ lineNo: 1, qty: 1 }])
    expect(one).toMatchObject({ total: 0, points: 3 })
    expect(planned(committed(free, one), [{ lineNo: 1, qty: 2 }]).points).toBe(7)
    expect(pointsReturnedAt({ pointsUsed: 10, refunded: 5, whole: 3 })).toBe(10)
  })

  it('refuses what can never be refunded, with typed codes', () => {
    const codes = [
      [],
      [{ lineNo: 9, qty: 1 }],
      [
        { lineNo: 1, qty: 1 },
        { lineNo: 1, qty: 1 },
      ],
      [{ lineNo: 1, qty: 0 }],
      [{ lineNo: 1, qty: 1.5 }],
      [{ lineNo: 1, qty: 2 }],
    ].map((request) => {
      const result = planRefund(designExample, request)
      return result.ok ? 'ok' : result.code
    })
    expect(codes).toEqual([
      'EMPTY_REQUEST',
      'UNKNOWN_LINE',
      'DUPLICATE_LINE',
      'INVALID_QUANTITY',
      'INVALID_QUANTITY',
      'QUANTITY_EXCEEDS_REMAINING',
    ])
  })

  it('counts units held by open after-sales and units already refunded against the request', () => {
    const basis: RefundBasis = {
      ...designExample,
      lines: [{ lineNo: 1, qty: 3, finalAmount: 9000 }],
      refunded: { 1: 1 },
      reserved: { 1: 1 },
    }
    expect(planRefund(basis, [{ lineNo: 1, qty: 2 }])).toMatchObject({
      ok: false,
      code: 'QUANTITY_EXCEEDS_REMAINING',
      details: { lineNo: 1, qty: 2, remaining: 1 },
    })
    expect(planned(basis, [{ lineNo: 1, qty: 1 }])).toMatchObject({
      total: 3000,
      closesOrder: false,
    })
  })

  it('says when an after-sale leaves no unit of any line unrefunded', () => {
    const lines = designExample.lines
    const all = lines.map((l) => ({ lineNo: l.lineNo, qty: l.qty }))
    expect(refundsEverything(lines, {}, all)).toBe(true)
    expect(refundsEverything(lines, { 1: 1, 2: 1 }, [{ lineNo: 3, qty: 1 }])).toBe(true)
    expect(refundsEverything(lines, { 1: 1 }, [{ lineNo: 3, qty: 1 }])).toBe(false)
  })

  it('splits a refund over a presale deposit and balance, latest payment first', () => {
    const payments = [
      { paymentId: 'pay-deposit', amount: 5000, refunded: 0, at: 1 },
      { paymentId: 'pay-balance', amount: 15000, refunded: 12000, at: 2 },
    ]
    expect(splitRefundOverPayments(4000, payments)).toEqual({
      ok: true,
      value: [
        { paymentId: 'pay-balance', amount: 3000 },
        { paymentId: 'pay-deposit', amount: 1000 },
      ],
    })
    expect(splitRefundOverPayments(8001, payments)).toMatchObject({
      ok: false,
      code: 'REFUND_EXCEEDS_PAYMENT',
    })
  })
})
