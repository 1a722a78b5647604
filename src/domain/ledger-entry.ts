/**
 * A money movement of an order as the order actor records it: plain data, so it survives the
 * JSON outbox, and the shape the payments ledger in D1 stores (src/store/payments-ledger.ts).
 */

/** Every kind of row and which way its money goes; amounts are stored positive. */
export const ledgerKinds = {
  /** A payment that settled the order. */
  payment: 'in',
  /** An order that owed nothing (payable 0.00), settled at placement without any provider. */
  settled_free: 'in',
  /** Money received whose amount or currency did not match what the order owed. */
  payment_mismatch: 'in',
  /** Money received after the order was closed or already paid. */
  late_payment: 'in',
  /** Money given back to the buyer: after-sale, interception, cancellation after payment. */
  refund: 'out',
  /** The automatic refund of a late payment or a mismatch. */
  late_payment_refund: 'out',
} as const

export type LedgerKind = keyof typeof ledgerKinds
export type LedgerDirection = (typeof ledgerKinds)[LedgerKind]

/** `pending` is for providers that confirm later; the sandbox books `succeeded` at once. */
export type LedgerStatus = 'pending' | 'succeeded' | 'failed'

/** A movement as the order actor queues it; plain data, so it survives the JSON outbox. */
export interface LedgerEntry {
  readonly orderId: string
  readonly parentOrderId: string | null
  readonly kind: LedgerKind
  /** The provider's payment id, or refund id for money going out. */
  readonly providerRef: string
  readonly sessionId: string | null
  /** Positive integer minor units. */
  readonly amount: number
  readonly currency: string
  readonly status: LedgerStatus
  /** Epoch milliseconds. */
  readonly at: number
  readonly note: string | null
  /** On a payment_mismatch: what the order owed, so the held-payments list can show it. */
  readonly held?: { readonly expected: number }
  /** On a refund or acceptance of a held payment: the hold it settles. */
  readonly settles?: { readonly paymentId: string; readonly as: 'refunded' | 'accepted' }
}

export interface LedgerRow extends LedgerEntry {
  readonly id: string
}
