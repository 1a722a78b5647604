import { formatMoney } from './money'
import {
  groupBy,
  type HealablePayment,
  healOf,
  inRange,
  type LedgerMovement,
  type Mismatch,
  type MismatchKind,
  type OrderPaymentFacts,
  parentStatus,
  type ReconcileInput,
  sum,
} from './reconciliation-records'

interface OrderFinding {
  readonly paymentId: string | null
  readonly heal: HealablePayment | null
  readonly amounts: { expected: number; actual: number; currency: string; at: number }
}

function orderMismatch(
  o: OrderPaymentFacts,
  kind: MismatchKind,
  f: OrderFinding,
  detail: string,
): Mismatch {
  const { expected, actual, currency, at } = f.amounts
  const key = `${kind}:order:${o.id}`
  const ids = { orderId: o.id, paymentId: f.paymentId, refundId: null }
  return { key, kind, ...ids, currency, expected, actual, detail, anchorAt: at, heal: f.heal }
}

/** What an order says it was paid must be what the ledger booked as its payments. */
function checkOrder(
  o: OrderPaymentFacts,
  booked: readonly LedgerMovement[],
  range: ReconcileInput['range'],
  healFor: (paymentId: string) => HealablePayment | null,
): Mismatch | null {
  const ledgerPaid = sum(booked)
  const firstBooked = booked.reduce<LedgerMovement | null>(
    (a, b) => (a === null || b.at < a.at ? b : a),
    null,
  )
  const at = o.paidAt !== null && inRange(range, o.paidAt) ? o.paidAt : firstBooked?.at
  if (at === undefined || !inRange(range, at)) return null
  const amounts = { expected: ledgerPaid, actual: o.paidAmount, currency: o.currency, at }
  const plain: OrderFinding = { paymentId: null, heal: null, amounts }
  if (ledgerPaid === 0 && o.paidAmount > 0) {
    const detail = `the order is marked paid ${formatMoney({ amount: o.paidAmount, currency: o.currency })} with no payment in the ledger`
    return orderMismatch(o, 'MARKED_PAID_NO_PAYMENT', plain, detail)
  }
  if (ledgerPaid > 0 && o.paidAmount === 0 && firstBooked) {
    // Re-delivery is idempotent in the actor, so it is safe even if the actor did book it and
    // only the projection is behind.
    const ref = firstBooked.providerRef
    const finding = { paymentId: ref, heal: healFor(ref), amounts }
    const detail = `the ledger booked ${formatMoney({ amount: ledgerPaid, currency: o.currency })} but the order (${o.status}) is not marked paid`
    return orderMismatch(o, 'PAID_NOT_MARKED', finding, detail)
  }
  const otherCurrency = booked.some((l) => l.currency !== o.currency)
  if (ledgerPaid === o.paidAmount && !otherCurrency) return null
  const detail = `the order is marked paid ${formatMoney({ amount: o.paidAmount, currency: o.currency })}; the ledger booked ${formatMoney({ amount: ledgerPaid, currency: o.currency })}`
  return orderMismatch(o, 'AMOUNT_MISMATCH', plain, detail)
}

/** Orders against the ledger's settled payments (mismatch and late payments are not sales). */
export function ordersAgainstLedger(input: ReconcileInput): Mismatch[] {
  const paymentsByOrder = groupBy(
    input.ledger.filter((l) => l.kind === 'payment'),
    (l) => l.orderId,
  )
  const provider = new Map(
    input.statement.filter((s) => s.kind === 'payment').map((s) => [s.paymentId, healOf(s)]),
  )
  const healFor = (paymentId: string) => provider.get(paymentId) ?? null
  const found: Mismatch[] = []
  const seen = new Set<string>()
  for (const o of input.orders) {
    seen.add(o.id)
    if (o.status === parentStatus) continue
    const m = checkOrder(o, paymentsByOrder.get(o.id) ?? [], input.range, healFor)
    if (m) found.push(m)
  }
  for (const [orderId, booked] of paymentsByOrder) {
    if (seen.has(orderId)) continue
    // No row in the projection at all: the order is not marked paid there.
    const currency = booked[0]?.currency ?? ''
    const missing = { id: orderId, status: 'missing', currency, paidAmount: 0, paidAt: null }
    const m = checkOrder(missing, booked, input.range, healFor)
    if (m) found.push(m)
  }
  return found
}
