/**
 * The payment provider as the order center sees it. Amounts are integer minor units; times in
 * statements are epoch milliseconds like every other timestamp we store, while webhook events
 * carry unix seconds as providers send them.
 */

export type ProviderFailureCode =
  | 'INVALID_REQUEST'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'SESSION_NOT_FOUND'
  | 'PAYMENT_NOT_FOUND'
  | 'REFUND_NOT_FOUND'
  | 'CURRENCY_MISMATCH'
  | 'REFUND_EXCEEDS_PAYMENT'
  | 'PROVIDER_UNAVAILABLE'

/** Business failures come back as values: error classes do not survive RPC, and retries need codes. */
export interface ProviderFailure {
  readonly ok: false
  readonly code: ProviderFailureCode
  readonly message: string
}

export type ProviderResult<T> = ({ readonly ok: true } & T) | ProviderFailure

export interface OpenSessionInput {
  /** Idempotency: the same key gives back the same session, however often it is sent. */
  readonly sessionKey: string
  readonly orderId: string
  readonly amount: number
  readonly currency: string
  readonly description: string
}

export interface PaymentSession {
  readonly sessionId: string
  readonly orderId: string
  readonly amount: number
  readonly currency: string
  /** Where the buyer pays (a hosted checkout page); the sandbox has none. */
  readonly url?: string
}

export interface RefundInput {
  /** Idempotency: the same key gives back the same refund and moves money once. */
  readonly idempotencyKey: string
  readonly paymentId: string
  readonly amount: number
  readonly currency: string
  readonly reason: string
  /** Carried to the provider so its refund events name the order. */
  readonly orderId?: string
}

/** A payment taken from a saved method for an open session, the buyer absent (a renewal). */
export interface SavedCharge {
  readonly sessionId: string
  /** The session's order, amount and currency, as the session was opened for them. */
  readonly orderId: string
  readonly amount: number
  readonly currency: string
  /** The payment method (mandate) the buyer saved for charges made without them. */
  readonly paymentMethod: string
}

/** What a saved charge came to: the payment event the order actor applies, paid or declined. */
export interface SavedChargeOutcome {
  readonly event: PaymentEvent
}

export interface RefundReceipt {
  readonly refundId: string
  readonly status: 'succeeded'
}

/** One money movement as the provider recorded it: the third record of reconciliation. */
export interface StatementRow {
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

/** Half-open range `[from, to)` of epoch milliseconds. */
export interface StatementRange {
  readonly from: number
  readonly to: number
}

export interface PaymentProvider {
  openSession(input: OpenSessionInput): Promise<ProviderResult<PaymentSession>>
  refund(input: RefundInput): Promise<ProviderResult<RefundReceipt>>
  statement(range: StatementRange): Promise<StatementRow[]>
  /** Pays an open session from a saved payment method, the buyer absent (a renewal). */
  chargeSaved(input: SavedCharge): Promise<ProviderResult<SavedChargeOutcome>>
}

export function providerFailure(code: ProviderFailureCode, message: string): ProviderFailure {
  return { ok: false, code, message }
}

import type { PaymentEvent } from './payment-events'

export {
  type PaymentEvent,
  PaymentEventSchema,
  type PaymentEventType,
  type SignedWebhook,
} from './payment-events'
