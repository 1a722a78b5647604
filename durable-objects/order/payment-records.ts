import type { PaymentEvent } from '../../src/adapters/payment-events'
import type { Order } from '../../src/domain/order'
import type { Env } from '../../src/env'
import type { Result } from '../../src/errors'
import type { LedgerEntry, LedgerKind } from '../../src/store/payments-ledger'
import type { OrderLedger } from './ledger'
import type { OrderStore } from './store'

export interface PaymentDeps {
  readonly env: Env
  readonly storage: DurableObjectStorage
  readonly store: OrderStore
  readonly ledger: OrderLedger
}

export type Succeeded = Extract<PaymentEvent, { type: 'payment.succeeded' | 'payment.failed' }>
export type PaymentOutcome = Result<{ outcome: string }>

export function ledgerEntry(
  order: Order,
  kind: LedgerKind,
  e: PaymentEvent,
  note: string | null,
): LedgerEntry {
  const d = e.data
  return {
    orderId: order.id,
    parentOrderId: order.parentId,
    kind,
    providerRef: e.type === 'refund.succeeded' ? e.data.refundId : d.paymentId,
    sessionId: d.sessionId,
    amount: d.amount,
    currency: d.currency,
    status: 'succeeded',
    at: Date.now(),
    note,
  }
}

export const systemBy = (e: PaymentEvent) => ({ role: 'system' as const, id: `payment:${e.id}` })

/**
 * The key under which a provider payment id is remembered beside event ids, in the same table:
 * the same money announced again under a new event id is then a duplicate, not a second payment.
 */
const paymentKey = (paymentId: string) => `payment:${paymentId}`

/** What this order already did with the event, or with the money it announces. */
export function seenBefore(store: OrderStore, e: PaymentEvent): string | null {
  const byEvent = store.seenPayment(e.id)
  if (byEvent !== null || e.type !== 'payment.succeeded') return byEvent
  return store.seenPayment(paymentKey(e.data.paymentId))
}

/** Marks the event, and a succeeded payment's id, as applied; call inside the transaction. */
export function markSeen(store: OrderStore, e: PaymentEvent, outcome: string): void {
  const now = Date.now()
  store.markPayment(e.id, e.type, outcome, now)
  if (e.type === 'payment.succeeded') {
    store.markPayment(paymentKey(e.data.paymentId), e.type, outcome, now)
  }
}
