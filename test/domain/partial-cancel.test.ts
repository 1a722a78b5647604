import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { planRefund } from '../../src/domain/after-sale/refund-amounts'
import type { Order, OrderLine } from '../../src/domain/order'
import {
  type CancelLinesPlan,
  type CancelSubject,
  MAX_PARTIAL_CANCELS,
  partialCancelBasis,
  planCancelLines,
} from '../../src/domain/partial-cancel/plan'
import type { PartialCancel } from '../../src/domain/partial-cancel/record'
import { linesToShip, paymentsLeft, pointsLeft } from '../../src/domain/partial-cancel/remainder'
import { cancelledUnits } from '../../src/domain/partial-cancel/units'
import type { Role } from '../../src/domain/process/types'
import type { Result } from '../../src/domain/result'

const by = { role: 'buyer' as const, id: 'u-pc-domain' }

function line(lineNo: number, qty: number, finalAmount: number): OrderLine {
  return { lineNo, qty, finalAmount } as OrderLine
}

/** A paid, unshipped order; `payments` split what it paid (a presale pays twice). */
function paidOrder(
  lines: OrderLine[],
  freight: number,
  points: number,
  payments: number[],
): CancelSubject {
  return {
    id: 'o-pc-domain',
    status: 'pending_shipment',
    currency: 'CNY',
    lines,
    amounts: { freight } as Order['amounts'],
    wallet: points > 0 ? { couponIds: ['c1'], points } : null,
    shippedAt: null,
    payments: payments.map((amount, i) => ({
      paymentId: `p${i}`,
      sessionId: `s${i}`,
      amount,
      at: 1000 + i,
    })),
  }
}

let seq = 0
function cancel(
  order: CancelSubject,
  lines: { lineNo: number; qty: number }[],
  role: Role = 'buyer',
): Result<{ readonly value: CancelLinesPlan }> {
  seq += 1
  return planCancelLines(order, {
    id: `pc-${seq}`,
    idempotencyKey: `key-${seq}`,
    request: { lines, reason: 'changed my mind' },
    by: { ...by, role },
    now: 5000,
  })
}

function partial(order: CancelSubject, lines: { lineNo: number; qty: number }[]): PartialCancel {
  const r = cancel(order, lines)
  if (!r.ok || r.value.kind !== 'partial') throw new Error(`expected a partial cancel: ${r}`)
  return r.value.record
}

const withCancel = (order: CancelSubject, pc: PartialCancel): CancelSubject => ({
  ...order,
  partialCancels: [...(order.partialCancels ?? []), pc],
})

describe('partial cancel before shipment', () => {
  it('refunds the worked example line by line: 45.45, then 90.91, leaving 163.64 to ship', () => {
    let order = paidOrder([line(1, 1, 4545), line(2, 1, 9091), line(3, 1, 16364)], 0, 0, [30000])
    const first = partial(order, [{ lineNo: 1, qty: 1 }])
    expect(first).toMatchObject({ items: 4545, freight: 0, total: 4545, points: 0 })
    expect(first.payouts).toEqual([{ paymentId: 'p0', amount: 4545 }])
    order = withCancel(order, first)
    const second = partial(order, [{ lineNo: 2, qty: 1 }])
    expect(second.total).toBe(9091)
    order = withCancel(order, second)
    expect(linesToShip(order, order.lines).map((l) => [l.lineNo, l.qty])).toEqual([[3, 1]])
    expect(paymentsLeft(order)).toEqual([{ paymentId: 'p0', amount: 16364 }])
  })

  it('takes units by largest remainder: 83.33 over 3 units refunds 27.78, 27.78, then 27.77', () => {
    let order = paidOrder([line(1, 3, 8333), line(2, 1, 16667)], 1000, 0, [26000])
    const amounts: number[] = []
    for (let i = 0; i < 3; i++) {
      const pc = partial(order, [{ lineNo: 1, qty: 1 }])
      amounts.push(pc.total)
      order = withCancel(order, pc)
    }
    expect(amounts).toEqual([2778, 2778, 2777])
    expect(cancelledUnits(order)).toEqual({ 1: 3 })
    // What the whole cancel gives back now: line 2's final and the freight, nothing more.
    expect(paymentsLeft(order)).toEqual([{ paymentId: 'p0', amount: 17667 }])
  })

  it('gives points back in proportion and the rest on the whole cancel: 100 of 300 points', () => {
    const order = paidOrder([line(1, 2, 10000), line(2, 1, 20000)], 0, 300, [30000])
    const pc = partial(order, [{ lineNo: 1, qty: 2 }])
    expect(pc.points).toBe(100)
    expect(pointsLeft(withCancel(order, pc))).toBe(200)
  })

  it('is the whole cancel when nothing would be left to ship', () => {
    const order = paidOrder([line(1, 2, 10000)], 800, 0, [20800])
    const plan = cancel(order, [{ lineNo: 1, qty: 2 }])
    expect(plan).toEqual({ ok: true, value: { kind: 'whole' } })
  })

  it('takes the latest payment first when a presale paid twice', () => {
    const order = paidOrder([line(1, 2, 10000)], 0, 0, [3000, 7000])
    const pc = partial(order, [{ lineNo: 1, qty: 1 }])
    expect(pc.payouts).toEqual([{ paymentId: 'p1', amount: 5000 }])
    const after = withCancel(order, pc)
    expect(paymentsLeft(after)).toEqual([
      { paymentId: 'p0', amount: 3000 },
      { paymentId: 'p1', amount: 2000 },
    ])
  })

  it('refuses what is not a paid, unshipped order, and roles that may not cancel', () => {
    const order = paidOrder([line(1, 2, 10000)], 0, 0, [20000])
    const shipped = { ...order, status: 'pending_receipt' as const }
    expect(cancel(shipped, [{ lineNo: 1, qty: 1 }])).toMatchObject({
      ok: false,
      code: 'ILLEGAL_TRANSITION',
    })
    const unpaid = { ...order, status: 'pending_payment' as const }
    expect(cancel(unpaid, [{ lineNo: 1, qty: 1 }])).toMatchObject({ code: 'ILLEGAL_TRANSITION' })
    const parent = { ...order, children: [] }
    expect(cancel(parent, [{ lineNo: 1, qty: 1 }])).toMatchObject({ code: 'ILLEGAL_TRANSITION' })
    expect(cancel(order, [{ lineNo: 1, qty: 1 }], 'warehouse')).toMatchObject({
      code: 'FORBIDDEN',
    })
    expect(cancel(order, [{ lineNo: 1, qty: 1 }], 'merchant')).toMatchObject({ ok: true })
  })

  it('refuses unknown lines, repeated lines and more units than are left', () => {
    let order = paidOrder([line(1, 2, 10000), line(2, 1, 500)], 0, 0, [10500])
    expect(cancel(order, [{ lineNo: 9, qty: 1 }])).toMatchObject({ code: 'UNKNOWN_LINE' })
    const twice = [
      { lineNo: 1, qty: 1 },
      { lineNo: 1, qty: 1 },
    ]
    expect(cancel(order, twice)).toMatchObject({ code: 'DUPLICATE_LINE' })
    expect(cancel(order, [])).toMatchObject({ code: 'EMPTY_REQUEST' })
    order = withCancel(order, partial(order, [{ lineNo: 1, qty: 1 }]))
    expect(cancel(order, [{ lineNo: 1, qty: 2 }])).toMatchObject({
      code: 'QUANTITY_EXCEEDS_REMAINING',
      details: { lineNo: 1, qty: 2, remaining: 1 },
    })
  })

  it(`takes at most ${MAX_PARTIAL_CANCELS} partial cancels`, () => {
    let order = paidOrder([line(1, MAX_PARTIAL_CANCELS + 2, 100_000)], 0, 0, [100_000])
    for (let i = 0; i < MAX_PARTIAL_CANCELS; i++) {
      order = withCancel(order, partial(order, [{ lineNo: 1, qty: 1 }]))
    }
    expect(cancel(order, [{ lineNo: 1, qty: 1 }])).toMatchObject({ code: 'RATE_LIMITED' })
  })
})

describe('gift lines when the units that earned them are cancelled', () => {
  const bought = { lineNo: 1, skuId: 'sku-x', qty: 4, finalAmount: 40000 } as unknown as OrderLine
  const gift = {
    lineNo: 2,
    skuId: 'sku-y',
    qty: 2,
    finalAmount: 0,
    giftOf: ['g1'],
    giftEarnedBy: [{ skuId: 'sku-x', buyQty: 2, giftQty: 1 }],
  } as unknown as OrderLine

  it('takes back the gift units the units left no longer earn, refunding nothing for them', () => {
    const order = paidOrder([bought, gift], 0, 0, [40000])
    const pc = partial(order, [{ lineNo: 1, qty: 1 }])
    expect(pc.lines).toEqual([
      { lineNo: 1, qty: 1, firstUnit: 0, amount: 10000 },
      { lineNo: 2, qty: 1, firstUnit: 0, amount: 0 },
    ])
    expect(pc.total).toBe(10000)
    const again = partial(withCancel(order, pc), [{ lineNo: 1, qty: 1 }])
    expect(again.lines).toEqual([{ lineNo: 1, qty: 1, firstUnit: 1, amount: 10000 }])
  })

  it('is the whole cancel when only the gift would be left to ship', () => {
    const order = paidOrder([bought, gift], 0, 0, [40000])
    expect(cancel(order, [{ lineNo: 1, qty: 4 }])).toEqual({ ok: true, value: { kind: 'whole' } })
  })

  it('keeps a gift the buyer cancels alone, and one placed before its shares were kept', () => {
    const order = paidOrder([bought, gift], 0, 0, [40000])
    expect(partial(order, [{ lineNo: 2, qty: 1 }]).lines).toEqual([
      { lineNo: 2, qty: 1, firstUnit: 0, amount: 0 },
    ])
    const legacy = paidOrder([bought, { ...gift, giftEarnedBy: undefined }], 0, 0, [40000])
    expect(partial(legacy, [{ lineNo: 1, qty: 3 }]).lines.map((l) => l.lineNo)).toEqual([1])
  })
})

const orderArb = fc
  .record({
    lines: fc.array(
      fc.record({
        qty: fc.integer({ min: 1, max: 5 }),
        finalAmount: fc.integer({ min: 0, max: 500_000 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    freight: fc.integer({ min: 0, max: 2_000 }),
    points: fc.integer({ min: 0, max: 5_000 }),
    twoPayments: fc.boolean(),
    deposit: fc.integer({ min: 1, max: 99 }),
  })
  .map((o) => {
    const lines = o.lines.map((l, i) => line(i + 1, l.qty, l.finalAmount))
    const paid = lines.reduce((a, l) => a + l.finalAmount, 0) + o.freight
    const first = Math.floor((paid * o.deposit) / 100)
    const payments = o.twoPayments && first > 0 && first < paid ? [first, paid - first] : [paid]
    return {
      order: paidOrder(
        lines,
        o.freight,
        o.points,
        payments.filter((p) => p > 0),
      ),
      paid,
    }
  })

/** A random step: units of a random line, possibly more than are left (then refused). */
const stepsArb = fc.array(
  fc.record({ lineNo: fc.integer({ min: 1, max: 4 }), qty: fc.integer({ min: 1, max: 3 }) }),
  { maxLength: 8 },
)

describe('partial cancel money (property)', () => {
  it('never refunds more than was paid, and exactly what was paid once everything is cancelled', () => {
    fc.assert(
      fc.property(orderArb, stepsArb, fc.constantFrom('cancel', 'return'), (gen, steps, end) => {
        let order = gen.order
        let refunded = 0
        let points = 0
        let whole = false
        for (const step of steps) {
          const r = cancel(order, [step])
          if (!r.ok) continue
          if (r.value.kind === 'whole') {
            whole = true
            break
          }
          const pc = r.value.record
          expect(pc.payouts.reduce((a, p) => a + p.amount, 0)).toBe(pc.total)
          refunded += pc.total
          points += pc.points
          order = withCancel(order, pc)
          expect(refunded).toBeLessThanOrEqual(gen.paid)
        }
        const perPayment = new Map((order.payments ?? []).map((p) => [p.paymentId, p.amount]))
        for (const p of paymentsLeft(order)) {
          expect(p.amount).toBeLessThanOrEqual(perPayment.get(p.paymentId) ?? 0)
        }
        if (whole || end === 'cancel') {
          const rest = paymentsLeft(order).reduce((a, p) => a + p.amount, 0)
          expect(refunded + rest).toBe(gen.paid)
          expect(points + pointsLeft(order)).toBe(order.wallet?.points ?? 0)
          return
        }
        // The rest ships and comes back: freight is not refunded for goods that travelled.
        const shipped = { ...order, status: 'pending_receipt' as const, shippedAt: 9000 }
        const left = linesToShip(order, order.lines).map((l) => ({ lineNo: l.lineNo, qty: l.qty }))
        if (left.length === 0) return
        const back = planRefund(partialCancelBasis(shipped), left)
        if (!back.ok) throw new Error(back.message)
        expect(back.value.closesOrder).toBe(true)
        expect(refunded + back.value.total).toBe(gen.paid - order.amounts.freight)
        expect(points + back.value.points).toBe(order.wallet?.points ?? 0)
      }),
      { numRuns: 300 },
    )
  })
})
