import { describe, expect, it } from 'vitest'
import {
  type LedgerMovement,
  type OrderPaymentFacts,
  reconcile,
  type StatementMovement,
} from '../../src/domain/reconciliation'

const range = { from: 1000, to: 2000 }

const pay = (id: string, orderId: string, amount: number, at = 1500): StatementMovement => ({
  id,
  kind: 'payment',
  sessionId: `cs-${id}`,
  paymentId: id,
  orderId,
  amount,
  currency: 'CNY',
  at,
})

const refund = (id: string, paymentId: string, orderId: string, amount: number, at = 1600) => ({
  ...pay(paymentId, orderId, amount, at),
  id,
  kind: 'refund' as const,
})

const booked = (
  kind: LedgerMovement['kind'],
  orderId: string,
  ref: string,
  amount: number,
  at = 1510,
  parentOrderId: string | null = null,
): LedgerMovement => ({
  id: `${kind}:${orderId}:${ref}`,
  orderId,
  parentOrderId,
  kind,
  providerRef: ref,
  amount,
  currency: 'CNY',
  at,
})

const order = (
  id: string,
  paidAmount: number,
  status = 'pending_shipment',
  paidAt: number | null = 1520,
): OrderPaymentFacts => ({
  id,
  status,
  currency: 'CNY',
  paidAmount,
  paidAt: paidAmount > 0 ? paidAt : null,
})

const kinds = (input: Parameters<typeof reconcile>[0]) =>
  reconcile(input).map((m) => `${m.kind} ${m.orderId} ${m.expected}/${m.actual}`)

describe('three-way reconciliation', () => {
  it('finds nothing when statement, ledger and order agree', () => {
    const input = {
      range,
      statement: [pay('p1', 'o1', 500), refund('r1', 'p1', 'o1', 200)],
      ledger: [booked('payment', 'o1', 'p1', 500), booked('refund', 'o1', 'r1', 200, 1610)],
      orders: [order('o1', 500)],
    }
    expect(reconcile(input)).toEqual([])
  })

  it('a provider payment nobody booked is PAID_NOT_MARKED, with the payment to re-deliver', () => {
    const [m, ...rest] = reconcile({
      range,
      statement: [pay('p1', 'o1', 500)],
      ledger: [],
      orders: [order('o1', 0, 'pending_payment')],
    })
    expect(rest).toEqual([])
    expect(m).toMatchObject({
      kind: 'PAID_NOT_MARKED',
      orderId: 'o1',
      paymentId: 'p1',
      expected: 500,
      actual: 0,
    })
    expect(m?.heal).toEqual({
      sessionId: 'cs-p1',
      paymentId: 'p1',
      orderId: 'o1',
      amount: 500,
      currency: 'CNY',
      at: 1500,
    })
  })

  it('an order the ledger paid but the projection does not show is PAID_NOT_MARKED too', () => {
    const input = {
      range,
      statement: [pay('p1', 'o1', 500)],
      ledger: [booked('payment', 'o1', 'p1', 500)],
      orders: [order('o1', 0, 'pending_payment')],
    }
    const [m] = reconcile(input)
    expect(m).toMatchObject({
      kind: 'PAID_NOT_MARKED',
      key: 'PAID_NOT_MARKED:order:o1',
      expected: 500,
    })
    expect(m?.heal?.paymentId).toBe('p1')
    const missing = reconcile({ ...input, orders: [] })
    expect(missing.map((x) => x.key)).toEqual(['PAID_NOT_MARKED:order:o1'])
  })

  it('money the provider never took is MARKED_PAID_NO_PAYMENT, from the ledger or the order', () => {
    const fromLedger = {
      range,
      statement: [],
      ledger: [booked('payment', 'o1', 'p9', 500)],
      orders: [order('o1', 500)],
    }
    expect(kinds(fromLedger)).toEqual(['MARKED_PAID_NO_PAYMENT o1 0/500'])
    const fromOrder = { range, statement: [], ledger: [], orders: [order('o2', 700)] }
    expect(kinds(fromOrder)).toEqual(['MARKED_PAID_NO_PAYMENT o2 0/700'])
  })

  it('different amounts are AMOUNT_MISMATCH, provider against ledger and ledger against order', () => {
    const input = {
      range,
      statement: [pay('p1', 'o1', 500)],
      ledger: [booked('payment', 'o1', 'p1', 499)],
      orders: [order('o1', 450)],
    }
    expect(reconcile(input).map((m) => [m.key, m.expected, m.actual])).toEqual([
      ['AMOUNT_MISMATCH:payment:p1', 500, 499],
      ['AMOUNT_MISMATCH:order:o1', 499, 450],
    ])
    const otherCurrency = {
      ...input,
      ledger: [{ ...booked('payment', 'o1', 'p1', 500), currency: 'USD' }],
      orders: [],
    }
    expect(reconcile(otherCurrency).map((m) => m.key)).toContain('AMOUNT_MISMATCH:payment:p1')
  })

  it('refunds must match both ways', () => {
    const input = {
      range,
      statement: [
        pay('p1', 'o1', 500),
        refund('r1', 'p1', 'o1', 200),
        refund('r2', 'p1', 'o1', 100),
      ],
      ledger: [
        booked('payment', 'o1', 'p1', 500),
        booked('refund', 'o1', 'r1', 150, 1610),
        booked('refund', 'o1', 'r3', 50, 1620),
      ],
      orders: [order('o1', 500)],
    }
    expect(reconcile(input).map((m) => [m.key, m.expected, m.actual])).toEqual([
      ['REFUND_MISMATCH:r1', 200, 150],
      ['REFUND_MISMATCH:r2', 100, 0],
      ['REFUND_MISMATCH:r3', 0, 50],
    ])
  })

  it('a combined payment of a split parent matches the children it was booked to', () => {
    const input = {
      range,
      statement: [pay('p1', 'parent', 300)],
      ledger: [
        booked('payment', 'c1', 'p1', 100, 1510, 'parent'),
        booked('payment', 'c2', 'p1', 200, 1510, 'parent'),
      ],
      orders: [order('parent', 300, 'split'), order('c1', 100), order('c2', 200)],
    }
    expect(reconcile(input)).toEqual([])
  })

  it('a late or mismatched payment refunded in full is consistent, and is no sale of the order', () => {
    const input = {
      range,
      statement: [
        pay('p1', 'o1', 500),
        pay('p2', 'o1', 500, 1700),
        refund('r2', 'p2', 'o1', 500, 1800),
      ],
      ledger: [
        booked('payment', 'o1', 'p1', 500),
        booked('late_payment', 'o1', 'p2', 500, 1710),
        booked('late_payment_refund', 'o1', 'r2', 500, 1810),
      ],
      orders: [order('o1', 500)],
    }
    expect(reconcile(input)).toEqual([])
  })

  it('reports only what happened in the range, matching counterparts just outside it', () => {
    const input = {
      range,
      statement: [pay('p1', 'o1', 500, 1999), pay('p0', 'o0', 500, 900)],
      ledger: [booked('payment', 'o1', 'p1', 500, 2001), booked('payment', 'o3', 'p3', 500, 2500)],
      orders: [
        order('o1', 500, 'pending_shipment', 2001),
        order('o3', 700, 'pending_shipment', 2500),
      ],
    }
    expect(reconcile(input)).toEqual([])
  })

  it('keys are stable and unique, so a rerun finds the same rows', () => {
    const input = {
      range,
      statement: [pay('p1', 'o1', 500), pay('p2', 'o2', 300)],
      ledger: [booked('payment', 'o2', 'p2', 299)],
      orders: [order('o1', 0, 'pending_payment'), order('o2', 300), order('o4', 10)],
    }
    const first = reconcile(input).map((m) => m.key)
    expect(new Set(first).size).toBe(first.length)
    expect(reconcile({ ...input, orders: [...input.orders].reverse() }).map((m) => m.key)).toEqual(
      first,
    )
  })
})
