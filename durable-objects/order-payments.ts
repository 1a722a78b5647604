import type { PaymentEvent } from '../src/adapters/payment-events'
import { formatMoney } from '../src/domain/money'
import type { Order, PaymentRef } from '../src/domain/order'
import { decidePayment } from '../src/domain/payment-decision'
import type { Env } from '../src/env'
import { fail, type Result } from '../src/errors'
import type { LedgerEntry, LedgerKind } from '../src/store/payments-ledger'
import type { OrderLedger } from './order-ledger'
import type { OrderStore } from './order-store'
import { takeStockAtPayment } from './payment-stock'

export interface PaymentDeps {
  readonly env: Env
  readonly storage: DurableObjectStorage
  readonly store: OrderStore
  readonly ledger: OrderLedger
}

type Succeeded = Extract<PaymentEvent, { type: 'payment.succeeded' | 'payment.failed' }>
export type PaymentOutcome = Result<{ outcome: string }>

function entry(order: Order, kind: LedgerKind, e: PaymentEvent, note: string | null): LedgerEntry {
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

const system = (e: PaymentEvent) => ({ role: 'system' as const, id: `payment:${e.id}` })

/** Money we must not keep: book it as late, and queue its refund in the same transaction. */
function refundLate(deps: PaymentDeps, order: Order, e: Succeeded, reason: string): PaymentOutcome {
  deps.storage.transactionSync(() => {
    deps.store.markPayment(e.id, e.type, 'refunded', Date.now())
    const payload = { paymentId: e.data.paymentId, amount: e.data.amount, reason }
    deps.ledger.note('late_payment', payload, {
      ledger: [entry(order, 'late_payment', e, reason)],
      by: system(e),
    })
    deps.ledger.queue({
      kind: 'refund',
      orderId: order.id,
      userId: order.userId,
      refund: {
        idempotencyKey: `late:${e.id}`,
        paymentId: e.data.paymentId,
        sessionId: e.data.sessionId,
        amount: e.data.amount,
        currency: e.data.currency,
        reason,
        ledgerKind: 'late_payment_refund',
      },
    })
  })
  return { ok: true, outcome: 'refunded' }
}

function holdForReview(
  deps: PaymentDeps,
  order: Order,
  e: Succeeded,
  expected: number,
): PaymentOutcome {
  const got = formatMoney({ amount: e.data.amount, currency: e.data.currency })
  const owed = formatMoney({ amount: expected, currency: order.currency })
  const reason = `PAYMENT_MISMATCH: got ${got}, owed ${owed}`
  deps.storage.transactionSync(() => {
    deps.store.markPayment(e.id, e.type, 'held_for_review', Date.now())
    const payload = {
      paymentId: e.data.paymentId,
      amount: e.data.amount,
      currency: e.data.currency,
      expected,
    }
    const ledger = [entry(order, 'payment_mismatch', e, reason)]
    deps.ledger.note('payment_mismatch', payload, {
      ledger,
      patch: { reviewReason: reason },
      by: system(e),
    })
  })
  return { ok: true, outcome: 'held_for_review' }
}

const system_ = { role: 'system' as const, id: 'split-parent' }

/** What each unpaid child of a split owes now: the parts of a merged payment. */
export async function childrenDue(env: Env, parent: Order) {
  const children = parent.children ?? []
  const dues = await Promise.all(
    children.map((c) => env.ORDER_ACTOR.get(env.ORDER_ACTOR.idFromName(c.id)).paymentDue(system_)),
  )
  return children.flatMap((child, i) => {
    const due = dues[i]
    return due?.ok ? [{ child, amount: due.amount, currency: due.currency }] : []
  })
}

/**
 * A merged payment of a split parent pays every child that still owes, each with its own share
 * under a derived event id, so each child books and deduplicates its part on its own.
 */
async function payChildren(
  deps: PaymentDeps,
  parent: Order,
  e: Succeeded,
): Promise<PaymentOutcome> {
  const parts = await childrenDue(deps.env, parent)
  const total = parts.reduce((n, p) => n + p.amount, 0)
  if (parts.length === 0) return refundLate(deps, parent, e, 'ALREADY_PAID')
  if (total !== e.data.amount || e.data.currency !== parent.currency) {
    return holdForReview(deps, parent, e, total)
  }
  const outcomes = await Promise.all(
    parts.map(({ child, amount }) =>
      deps.env.ORDER_ACTOR.get(deps.env.ORDER_ACTOR.idFromName(child.id)).applyPayment({
        ...e,
        id: `${e.id}_c${child.index}`,
        data: { ...e.data, orderId: child.id, amount },
      }),
    ),
  )
  const paid = outcomes.map((o) => (o.ok ? o.outcome : 'failed'))
  deps.storage.transactionSync(() => {
    deps.store.markPayment(e.id, e.type, 'paid_children', Date.now())
    const payload = { paymentId: e.data.paymentId, amount: e.data.amount, children: paid }
    deps.ledger.note('paid_children', payload, { by: system(e) })
  })
  return { ok: true, outcome: paid.every((o) => o === 'paid') ? 'paid' : 'partly_paid' }
}

async function pay(deps: PaymentDeps, order: Order, e: Succeeded): Promise<PaymentOutcome> {
  if (order.children) return payChildren(deps, order, e)
  const d = decidePayment(order, e.data.amount, e.data.currency)
  if (d.kind === 'late') return refundLate(deps, order, e, d.reason)
  if (d.kind === 'mismatch') return holdForReview(deps, order, e, d.expected)
  const taken = await takeStockAtPayment(deps.env, order.id, order.userId, order.stock)
  if (!taken.ok) {
    const cancelled = deps.ledger.transition(
      order,
      'cancel',
      { by: system(e), reason: 'OUT_OF_STOCK_AT_PAYMENT' },
      {},
    )
    const now = cancelled.ok ? cancelled.order : order
    return refundLate(deps, now, e, 'OUT_OF_STOCK_AT_PAYMENT')
  }
  const payment: PaymentRef = {
    paymentId: e.data.paymentId,
    sessionId: e.data.sessionId,
    amount: d.amount,
    at: Date.now(),
  }
  const done = deps.ledger.transition(
    order,
    d.action,
    { by: system(e) },
    {
      paidAmount: d.amount,
      stock: taken.lines,
      payment,
      ledger: [entry(order, 'payment', e, null)],
      alsoInTx: () => deps.store.markPayment(e.id, e.type, 'paid', Date.now()),
    },
  )
  return done.ok ? { ok: true, outcome: 'paid' } : done
}

/**
 * Applies one provider event to this order, exactly once per event id. Succeeded payments pay,
 * are held for review, or are refunded as late; failed payments and refund confirmations are
 * recorded. Events may come in any order and any number of times.
 */
export async function applyPaymentEvent(
  deps: PaymentDeps,
  e: PaymentEvent,
): Promise<PaymentOutcome> {
  const current = deps.store.load()
  if (!current) return fail('NOT_FOUND', 'no such order')
  const seen = deps.store.seenPayment(e.id)
  if (seen) return { ok: true, outcome: `duplicate:${seen}` }
  if (e.type === 'payment.succeeded') return pay(deps, current.order, e)
  const action = e.type === 'payment.failed' ? 'payment_failed' : 'refund_confirmed'
  deps.storage.transactionSync(() => {
    deps.store.markPayment(e.id, e.type, 'recorded', Date.now())
    const payload = { paymentId: e.data.paymentId, amount: e.data.amount }
    deps.ledger.note(action, payload, { by: system(e) })
  })
  return { ok: true, outcome: 'recorded' }
}
