import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { afterSaleEligibility } from '../../src/domain/after-sale/eligibility'
import { replacementLines } from '../../src/domain/after-sale/exchange'
import { openAfterSale } from '../../src/domain/after-sale/open'
import { afterSaleRow } from '../../src/domain/after-sale/projection'
import { type AfterSale, advanceAfterSale, commitsRefund } from '../../src/domain/after-sale/record'
import { planRefund } from '../../src/domain/after-sale/refund-amounts'
import { refundBasisOf, unitsInUse } from '../../src/domain/after-sale/usage'
import type { Order } from '../../src/domain/order'
import type { AfterSaleType } from '../../src/domain/process/after-sale-types'
import { decide } from '../../src/domain/process/decide'
import { afterSaleProcessFor } from '../../src/domain/process/registry'
import { orderLine, receivedOrder } from '../support/after-sale-records'

const buyer = { role: 'buyer' as const, id: 'alice' }
const merchant = { role: 'merchant' as const, id: 'clerk-1' }

function open(
  order: Order,
  existing: AfterSale[],
  lines: { lineNo: number; qty: number }[],
  type: AfterSaleType = 'return_refund',
) {
  return openAfterSale({
    id: `as-${existing.length + 1}`,
    order,
    existing,
    type,
    lines,
    reason: 'r',
    by: buyer,
    now: 10,
  })
}

function opened(
  order: Order,
  existing: AfterSale[],
  lines: { lineNo: number; qty: number }[],
  type?: AfterSaleType,
): AfterSale {
  const result = open(order, existing, lines, type)
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
  return result.value.afterSale
}

/** Approves and, for refund types, commits the refund the way the actor would, in one step. */
function refundNow(order: Order, all: AfterSale[], a: AfterSale): AfterSale {
  const d = decide(afterSaleProcessFor('refund_only'), a.status, 'approve', 'merchant', a)
  if (!d.ok || !commitsRefund(a, d.to)) throw new Error('not refundable now')
  const plan = planRefund(refundBasisOf(order, all, a.id), a.lines)
  if (!plan.ok) throw new Error(plan.code)
  return advanceAfterSale(a, d, { refund: plan.value }, 20)
}

describe('opening an after-sale', () => {
  const order = receivedOrder([orderLine(1, 2, 10000), orderLine(2, 1, 5000)])

  it('opens in review with the merchant review timer to arm', () => {
    const result = open(order, [], [{ lineNo: 1, qty: 1 }])
    expect(result).toMatchObject({
      ok: true,
      value: {
        afterSale: { status: 'pending_review', refund: null, version: 1 },
        arm: [{ kind: 'merchant_review' }],
      },
    })
  })

  it('gives the last unit to one of two requests for it', () => {
    const first = opened(order, [], [{ lineNo: 2, qty: 1 }])
    expect(open(order, [first], [{ lineNo: 2, qty: 1 }])).toMatchObject({
      ok: false,
      code: 'QUANTITY_EXCEEDS_REMAINING',
    })
    const rejected = { ...first, status: 'rejected' as const }
    expect(open(order, [rejected], [{ lineNo: 2, qty: 1 }]).ok).toBe(true)
  })

  it('refuses after the window, before shipment, a merchant, and a return of a virtual good', () => {
    const codeOf = (o: Order, type: AfterSaleType = 'return_refund') => {
      const r = open(o, [], [{ lineNo: 1, qty: 1 }], type)
      return r.ok ? 'ok' : r.code
    }
    expect(codeOf({ ...order, afterSaleOpen: false })).toBe('AFTER_SALE_WINDOW_CLOSED')
    expect(codeOf({ ...order, status: 'pending_shipment' })).toBe('AFTER_SALE_NOT_ALLOWED')
    expect(codeOf({ ...order, type: 'virtual' })).toBe('AFTER_SALE_NOT_ALLOWED')
    expect(codeOf({ ...order, type: 'virtual' }, 'refund_only')).toBe('ok')
    expect(codeOf({ ...order, status: 'pending_receipt' }, 'exchange')).toBe('ok')
    const byMerchant = openAfterSale({
      id: 'x',
      order,
      existing: [],
      type: 'exchange',
      lines: [{ lineNo: 1, qty: 1 }],
      reason: 'r',
      by: merchant,
      now: 1,
    })
    expect(byMerchant).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    // A merchant may give money back for the buyer, never ask for goods to travel.
    const refundByMerchant = openAfterSale({
      id: 'y',
      order: { ...order, status: 'pending_receipt' },
      existing: [],
      type: 'refund_only',
      lines: [{ lineNo: 1, qty: 1 }],
      reason: 'price adjustment',
      by: merchant,
      now: 1,
    })
    expect(refundByMerchant.ok).toBe(true)
    expect(
      afterSaleEligibility({ ...order, status: 'pending_shipment' }, 'refund_only')?.message,
    ).toMatch(/cancel/)
  })

  it('counts committed refunds as refunded and open after-sales as held; a finished exchange frees its units', () => {
    const refunded = refundNow(order, [], opened(order, [], [{ lineNo: 1, qty: 1 }], 'refund_only'))
    const held = opened(order, [refunded], [{ lineNo: 1, qty: 1 }], 'exchange')
    expect(unitsInUse([refunded, held])).toEqual({ refunded: { 1: 1 }, reserved: { 1: 1 } })
    const done = { ...held, status: 'succeeded' as const }
    expect(unitsInUse([refunded, done])).toEqual({ refunded: { 1: 1 }, reserved: {} })
  })

  it('makes a replacement order of the exchanged units, worth nothing', () => {
    const exchange = opened(order, [], [{ lineNo: 1, qty: 1 }], 'exchange')
    const lines = replacementLines(order.lines, exchange)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      lineNo: 1,
      skuId: 'sku-1',
      qty: 1,
      unitPrice: 0,
      finalAmount: 0,
    })
  })

  it('never refunds a unit twice whatever after-sales are opened, rejected and refunded', () => {
    const step = fc.record({
      lineNo: fc.integer({ min: 1, max: 3 }),
      qty: fc.integer({ min: 1, max: 3 }),
      outcome: fc.constantFrom('refund', 'reject', 'leave_open'),
    })
    fc.assert(
      fc.property(fc.array(step, { maxLength: 15 }), (steps) => {
        const o = receivedOrder([orderLine(1, 3, 9999), orderLine(2, 2, 1), orderLine(3, 1, 0)])
        let all: AfterSale[] = []
        for (const s of steps) {
          const r = open(o, all, [{ lineNo: s.lineNo, qty: s.qty }], 'refund_only')
          if (!r.ok) continue
          const a = r.value.afterSale
          const next =
            s.outcome === 'refund'
              ? refundNow(o, all, a)
              : s.outcome === 'reject'
                ? { ...a, status: 'rejected' as const }
                : a
          all = [...all, next]
          const use = unitsInUse(all)
          for (const line of o.lines) {
            expect(
              (use.refunded[line.lineNo] ?? 0) + (use.reserved[line.lineNo] ?? 0),
            ).toBeLessThanOrEqual(line.qty)
          }
          const paidBack = all.reduce((acc, x) => acc + (x.refund?.total ?? 0), 0)
          expect(paidBack).toBeLessThanOrEqual(o.amounts.paid)
        }
      }),
    )
  })
})

describe('a return of units that earned a gift', () => {
  // Buy 2 of sku-1, get 1 of sku-2: 4 bought at 100.00 earned 2 gift units.
  const gift = {
    ...orderLine(2, 2, 0),
    giftOf: ['promo-1'],
    giftEarnedBy: [{ skuId: 'sku-1', buyQty: 2, giftQty: 1 }],
  }
  const order = receivedOrder([orderLine(1, 4, 40000), gift])
  const linesOf = (a: AfterSale) => a.lines.map((l) => [l.lineNo, l.qty])

  it('takes back the gift units the units kept no longer earn, refunded 0', () => {
    const one = opened(order, [], [{ lineNo: 1, qty: 1 }])
    expect(linesOf(one)).toEqual([
      [1, 1],
      [2, 1],
    ])
    const refunded = refundNow(order, [], one)
    expect(refunded.refund?.lines.map((l) => [l.lineNo, l.amount])).toEqual([
      [1, 10000],
      [2, 0],
    ])
    expect(linesOf(opened(order, [refunded], [{ lineNo: 1, qty: 1 }]))).toEqual([[1, 1]])
  })

  it('counts units held by another open return, and a gift the buyer sends back by itself', () => {
    const first = opened(order, [], [{ lineNo: 1, qty: 2 }])
    expect(linesOf(first)).toEqual([
      [1, 2],
      [2, 1],
    ])
    expect(linesOf(opened(order, [first], [{ lineNo: 1, qty: 2 }]))).toEqual([
      [1, 2],
      [2, 1],
    ])
    expect(linesOf(opened(order, [], [{ lineNo: 2, qty: 1 }]))).toEqual([[2, 1]])
    expect(
      linesOf(
        opened(
          order,
          [],
          [
            { lineNo: 2, qty: 1 },
            { lineNo: 1, qty: 4 },
          ],
        ),
      ),
    ).toEqual([
      [2, 2],
      [1, 4],
    ])
  })

  it('closes the order when every bought unit goes back, gift included', () => {
    const all = refundNow(order, [], opened(order, [], [{ lineNo: 1, qty: 4 }]))
    expect(all.refund?.closesOrder).toBe(true)
    expect(all.refund?.total).toBe(40000)
  })

  it('leaves the gift with the buyer on a refund without return and on an exchange', () => {
    expect(linesOf(opened(order, [], [{ lineNo: 1, qty: 4 }], 'refund_only'))).toEqual([[1, 4]])
    expect(linesOf(opened(order, [], [{ lineNo: 1, qty: 1 }], 'exchange'))).toEqual([[1, 1]])
  })
})

describe('the after-sale report row', () => {
  it('carries the committed refund and the time it ended', () => {
    const order = receivedOrder([orderLine(1, 1, 4545)])
    const a = refundNow(order, [], opened(order, [], [{ lineNo: 1, qty: 1 }], 'refund_only'))
    expect(afterSaleRow(order, a)).toMatchObject({
      order_id: 'order-1',
      store_id: 'store-a',
      status: 'pending_refund',
      refund_amount: 4545,
      resolved_at: null,
      version: 2,
    })
    expect(afterSaleRow(order, { ...a, status: 'succeeded', updatedAt: 30 }).resolved_at).toBe(30)
  })
})
