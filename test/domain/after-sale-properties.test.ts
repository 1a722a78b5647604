import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  planRefund,
  type RefundBasis,
  type RequestedLine,
} from '../../src/domain/after-sale/refund-amounts'

const lineArb = fc.record({
  qty: fc.integer({ min: 1, max: 6 }),
  finalAmount: fc.integer({ min: 0, max: 1_000_000 }),
})

const orderArb = fc.record({
  lines: fc.array(lineArb, { minLength: 1, maxLength: 5 }),
  freight: fc.integer({ min: 0, max: 2_000 }),
  pointsUsed: fc.integer({ min: 0, max: 5_000 }),
  nothingShipped: fc.boolean(),
})

/** Requests may name lines that do not exist and ask for more than is left: those must be refused. */
const requestArb = fc.array(
  fc.record({ lineNo: fc.integer({ min: 1, max: 6 }), qty: fc.integer({ min: 0, max: 7 }) }),
  { minLength: 1, maxLength: 3 },
)

interface Tally {
  money: number
  points: number
  closed: boolean
}

/** Applies one request; a refusal must leave the basis as it was. */
function apply(basis: RefundBasis, request: RequestedLine[], tally: Tally): RefundBasis {
  const result = planRefund(basis, request)
  if (!result.ok) return basis
  expect(tally.closed).toBe(false)
  tally.money += result.value.total
  tally.points += result.value.points
  tally.closed = result.value.closesOrder
  const refunded = { ...basis.refunded }
  for (const l of result.value.lines) refunded[l.lineNo] = (refunded[l.lineNo] ?? 0) + l.qty
  return { ...basis, refunded }
}

describe('refunds over random sequences of partial after-sales', () => {
  it('never refund more than was paid, and a full return refunds exactly the paid amount minus freight once shipped', () => {
    fc.assert(
      fc.property(orderArb, fc.array(requestArb, { maxLength: 12 }), (order, requests) => {
        let basis: RefundBasis = {
          currency: 'CNY',
          lines: order.lines.map((l, i) => ({ lineNo: i + 1, ...l })),
          freight: order.freight,
          pointsUsed: order.pointsUsed,
          nothingShipped: order.nothingShipped,
          refunded: {},
        }
        const paid = basis.lines.reduce((acc, l) => acc + l.finalAmount, 0) + order.freight
        const tally: Tally = { money: 0, points: 0, closed: false }
        for (const request of requests) {
          basis = apply(basis, request, tally)
          expect(tally.money).toBeLessThanOrEqual(paid)
          expect(tally.points).toBeLessThanOrEqual(order.pointsUsed)
        }
        const rest = basis.lines
          .map((l) => ({ lineNo: l.lineNo, qty: l.qty - (basis.refunded[l.lineNo] ?? 0) }))
          .filter((r) => r.qty > 0)
        if (rest.length > 0) basis = apply(basis, rest, tally)
        expect(tally.closed).toBe(true)
        expect(tally.money).toBe(order.nothingShipped ? paid : paid - order.freight)
        expect(tally.points).toBe(order.pointsUsed)
      }),
      { numRuns: 500 },
    )
  })
})
