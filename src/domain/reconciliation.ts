/**
 * Three-way reconciliation: the provider's statement, the payments ledger and
 * the orders must tell the same story about every payment and refund. This module only compares;
 * reading the records and healing what it finds happen elsewhere. Amounts are integer minor units,
 * times epoch milliseconds.
 */

import { formatMoney } from './money'
import { withoutAcceptedDuplicates } from './reconciliation-held'
import { ordersAgainstLedger } from './reconciliation-orders'
import {
  groupBy,
  healOf,
  inRange,
  type LedgerMovement,
  type Mismatch,
  moneyIn,
  moneyOut,
  type ReconcileInput,
  sum,
} from './reconciliation-records'

/** A ledger total in its one currency, or the bare sum when rows disagree on the currency. */
function bookedIn(total: number, currencies: ReadonlySet<string>): string {
  const [only] = [...currencies]
  return currencies.size === 1 && only
    ? formatMoney({ amount: total, currency: only })
    : `${total} (minor units of ${[...currencies].join('/')})`
}

export type * from './reconciliation-records'

/** Every provider payment must be in the ledger, for the same amount and currency. */
function paymentsAgainstLedger(input: ReconcileInput, inByRef: Map<string, LedgerMovement[]>) {
  const found: Mismatch[] = []
  for (const s of input.statement) {
    if (s.kind !== 'payment' || !inRange(input.range, s.at)) continue
    const booked = inByRef.get(s.paymentId) ?? []
    const base = { orderId: s.orderId, paymentId: s.paymentId, refundId: null, anchorAt: s.at }
    if (booked.length === 0) {
      found.push({
        ...base,
        key: `PAID_NOT_MARKED:${s.orderId}:${s.paymentId}`,
        kind: 'PAID_NOT_MARKED',
        currency: s.currency,
        expected: s.amount,
        actual: 0,
        detail: `the provider took ${formatMoney(s)} that neither the ledger nor the order knows of`,
        heal: healOf(s),
      })
      continue
    }
    const total = sum(booked)
    const currencies = new Set(booked.map((l) => l.currency))
    if (total === s.amount && currencies.size === 1 && currencies.has(s.currency)) continue
    found.push({
      ...base,
      key: `AMOUNT_MISMATCH:payment:${s.paymentId}`,
      kind: 'AMOUNT_MISMATCH',
      currency: s.currency,
      expected: s.amount,
      actual: total,
      detail: `the provider took ${formatMoney(s)}; the ledger booked ${bookedIn(total, currencies)}`,
      heal: null,
    })
  }
  return found
}

/** Every payment the ledger booked must have happened at the provider. */
function ledgerPaymentsAgainstStatement(
  input: ReconcileInput,
  inByRef: Map<string, LedgerMovement[]>,
) {
  const paid = new Set(input.statement.filter((s) => s.kind === 'payment').map((s) => s.paymentId))
  const found: Mismatch[] = []
  for (const [ref, rows] of inByRef) {
    const first = rows.reduce((a, b) => (b.at < a.at ? b : a))
    if (paid.has(ref) || !inRange(input.range, first.at)) continue
    const total = sum(rows)
    found.push({
      key: `MARKED_PAID_NO_PAYMENT:payment:${ref}`,
      kind: 'MARKED_PAID_NO_PAYMENT',
      orderId: first.parentOrderId ?? first.orderId,
      paymentId: ref,
      refundId: null,
      currency: first.currency,
      expected: 0,
      actual: total,
      detail: `the ledger booked ${formatMoney({ amount: total, currency: first.currency })} under a payment the provider never took`,
      anchorAt: first.at,
      heal: null,
    })
  }
  return found
}

function refundMismatch(
  refundId: string,
  orderId: string,
  paymentId: string | null,
  amounts: { expected: number; actual: number; currency: string; at: number },
  detail: string,
): Mismatch {
  return {
    key: `REFUND_MISMATCH:${refundId}`,
    kind: 'REFUND_MISMATCH',
    orderId,
    paymentId,
    refundId,
    currency: amounts.currency,
    expected: amounts.expected,
    actual: amounts.actual,
    detail,
    anchorAt: amounts.at,
    heal: null,
  }
}

/** Refunds must agree both ways: provider refund ids against ledger refund rows. */
function refunds(input: ReconcileInput): Mismatch[] {
  const outByRef = groupBy(
    input.ledger.filter((l) => moneyOut.has(l.kind)),
    (l) => l.providerRef,
  )
  const provider = input.statement.filter((s) => s.kind === 'refund')
  const found: Mismatch[] = []
  for (const s of provider) {
    if (!inRange(input.range, s.at)) continue
    const booked = sum(outByRef.get(s.id) ?? [])
    if (booked === s.amount) continue
    const amounts = { expected: s.amount, actual: booked, currency: s.currency, at: s.at }
    const detail = `the provider refunded ${formatMoney(s)}; the ledger booked ${formatMoney({ amount: booked, currency: s.currency })}`
    found.push(refundMismatch(s.id, s.orderId, s.paymentId, amounts, detail))
  }
  const refunded = new Set(provider.map((s) => s.id))
  for (const [ref, rows] of outByRef) {
    const first = rows.reduce((a, b) => (b.at < a.at ? b : a))
    if (refunded.has(ref) || !inRange(input.range, first.at)) continue
    const total = sum(rows)
    const amounts = { expected: 0, actual: total, currency: first.currency, at: first.at }
    const detail = `the ledger booked a refund of ${formatMoney({ amount: total, currency: first.currency })} the provider never made`
    found.push(refundMismatch(ref, first.orderId, null, amounts, detail))
  }
  return found
}

/** Every discrepancy among the three records that is anchored in the range, each once. */
export function reconcile(input: ReconcileInput): Mismatch[] {
  const inByRef = groupBy(
    withoutAcceptedDuplicates(input.ledger).filter((l) => moneyIn.has(l.kind)),
    (l) => l.providerRef,
  )
  const all = [
    ...paymentsAgainstLedger(input, inByRef),
    ...ledgerPaymentsAgainstStatement(input, inByRef),
    ...refunds(input),
    ...ordersAgainstLedger(input),
  ]
  const byKey = new Map(all.map((m) => [m.key, m]))
  return [...byKey.values()].sort((a, b) => a.anchorAt - b.anchorAt || a.key.localeCompare(b.key))
}
