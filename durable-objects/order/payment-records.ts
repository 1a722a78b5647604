import type { PaymentEvent } from '../../src/adapters/payment-events'
import type { LedgerEntry, LedgerKind } from '../../src/domain/ledger-entry'
import type { Order, PaymentRef } from '../../src/domain/order'
import type { OrderAction } from '../../src/domain/process/order-types'
import type { Env } from '../../src/env'
import type { Result } from '../../src/errors'
import type { OrderLedger } from './ledger'
import { takeStockAtPayment } from './payment-stock'
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

export interface Booking {
  readonly action: OrderAction
  readonly amount: number
  readonly payment: Omit<PaymentRef, 'amount' | 'at'>
  readonly ledger: readonly LedgerEntry[]
  readonly by: { role: 'system' | 'admin' | 'service'; id: string }
  /** More writes that commit with the payment (the event marked seen, a held payment settled). */
  readonly alsoInTx: () => void
}

/**
 * Books money that pays the order: on_pay stock is taken first; if it is gone the order is
 * cancelled and `refund` gives the money back instead.
 */
export async function book(
  deps: PaymentDeps,
  order: Order,
  b: Booking,
  refund: (now: Order) => PaymentOutcome,
): Promise<PaymentOutcome> {
  const taken = await takeStockAtPayment(deps.env, order.id, order.userId, order.stock)
  if (!taken.ok) {
    const input = { by: b.by, reason: 'OUT_OF_STOCK_AT_PAYMENT' }
    const cancelled = deps.ledger.transition(order, 'cancel', input, {})
    return refund(cancelled.ok ? cancelled.order : order)
  }
  const payment: PaymentRef = { ...b.payment, amount: b.amount, at: Date.now() }
  const done = deps.ledger.transition(
    order,
    b.action,
    { by: b.by },
    { paidAmount: b.amount, stock: taken.lines, payment, ledger: b.ledger, alsoInTx: b.alsoInTx },
  )
  return done.ok ? { ok: true, outcome: 'paid' } : done
}
