/**
 * The three records reconciliation compares, what it reports, and the small sums it makes over
 * them. Integer minor units, epoch milliseconds.
 */

/** A money movement as the provider recorded it. */
export interface StatementMovement {
  /** The payment id of a payment, the refund id of a refund. */
  readonly id: string
  readonly kind: 'payment' | 'refund'
  readonly sessionId: string
  readonly paymentId: string
  readonly orderId: string
  readonly amount: number
  readonly currency: string
  readonly at: number
}

export type LedgerMovementKind =
  | 'payment'
  | 'payment_mismatch'
  | 'late_payment'
  | 'refund'
  | 'late_payment_refund'
  | 'settled_free'

/** A settled row of our payments ledger (pending and failed rows are left out by the reader). */
export interface LedgerMovement {
  readonly id: string
  readonly orderId: string
  readonly parentOrderId: string | null
  readonly kind: LedgerMovementKind
  /** The provider's payment id, or refund id for money going out. */
  readonly providerRef: string
  readonly amount: number
  readonly currency: string
  readonly at: number
}

/** What the orders projection says an order was paid. */
export interface OrderPaymentFacts {
  readonly id: string
  readonly status: string
  readonly currency: string
  readonly paidAmount: number
  readonly paidAt: number | null
}

export type MismatchKind =
  | 'PAID_NOT_MARKED'
  | 'MARKED_PAID_NO_PAYMENT'
  | 'AMOUNT_MISMATCH'
  | 'REFUND_MISMATCH'
  | 'HELD_TOO_LONG'

/** The provider's payment to re-deliver to the order actor when the order never heard of it. */
export interface HealablePayment {
  readonly sessionId: string
  readonly paymentId: string
  readonly orderId: string
  readonly amount: number
  readonly currency: string
  readonly at: number
}

export interface Mismatch {
  /** Stable across runs: the same discrepancy found again has the same key. */
  readonly key: string
  readonly kind: MismatchKind
  readonly orderId: string
  readonly paymentId: string | null
  readonly refundId: string | null
  readonly currency: string
  /** What the more authoritative record says (provider over ledger, ledger over order). */
  readonly expected: number
  readonly actual: number
  readonly detail: string
  /** When the money moved: a later run over a range covering it can close it. */
  readonly anchorAt: number
  readonly heal: HealablePayment | null
}

export interface ReconcileInput {
  /** Half-open `[from, to)`: only discrepancies anchored inside it are reported. */
  readonly range: { readonly from: number; readonly to: number }
  /** The statement over a wider window, so a counterpart just outside the range still matches. */
  readonly statement: readonly StatementMovement[]
  /** Every ledger row about the movements and orders in question, from any time. */
  readonly ledger: readonly LedgerMovement[]
  /** The orders paid in the range and every order the movements name. */
  readonly orders: readonly OrderPaymentFacts[]
}

export const moneyIn: ReadonlySet<LedgerMovementKind> = new Set([
  'payment',
  'payment_mismatch',
  'late_payment',
])
export const moneyOut: ReadonlySet<LedgerMovementKind> = new Set(['refund', 'late_payment_refund'])

/** Orders that are only the parent of their packages: their children carry the money. */
export const parentStatus = 'split'

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return groups
}

export function sum(rows: readonly { readonly amount: number }[]): number {
  return rows.reduce((total, r) => total + r.amount, 0)
}

export function inRange(range: ReconcileInput['range'], at: number): boolean {
  return at >= range.from && at < range.to
}

export function healOf(s: StatementMovement): HealablePayment {
  const { sessionId, paymentId, orderId, amount, currency, at } = s
  return { sessionId, paymentId, orderId, amount, currency, at }
}
