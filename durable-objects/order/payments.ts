import type { PaymentEvent } from '../../src/adapters/payment-events'
import type { Order } from '../../src/domain/order'
import { decidePayment } from '../../src/domain/payment-decision'
import { bumpAttempt, stageOf } from '../../src/domain/payment-stage'
import type { Env } from '../../src/env'
import { fail } from '../../src/errors'
import { holdForReview } from './held-payments'
import {
  type Booking,
  book,
  ledgerEntry,
  markSeen,
  type PaymentDeps,
  type PaymentOutcome,
  type Succeeded,
  seenBefore,
  systemBy,
} from './payment-records'

export type { PaymentDeps, PaymentOutcome } from './payment-records'

/** Money we must not keep: book it as late, and queue its refund in the same transaction. */
function refundLate(deps: PaymentDeps, order: Order, e: Succeeded, reason: string): PaymentOutcome {
  deps.storage.transactionSync(() => {
    markSeen(deps.store, e, 'refunded')
    const payload = { paymentId: e.data.paymentId, amount: e.data.amount, reason }
    deps.ledger.note('late_payment', payload, {
      ledger: [ledgerEntry(order, 'late_payment', e, reason)],
      by: systemBy(e),
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

const splitParent = { role: 'system' as const, id: 'split-parent' }

/** What each unpaid child of a split owes now: the parts of a merged payment. */
export async function childrenDue(env: Env, parent: Order) {
  const children = parent.children ?? []
  const dues = await Promise.all(
    children.map((c) =>
      env.ORDER_ACTOR.get(env.ORDER_ACTOR.idFromName(c.id)).paymentDue(splitParent),
    ),
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
    return holdForReview(deps, parent, e, total, 'merged')
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
    markSeen(deps.store, e, 'paid_children')
    const payload = { paymentId: e.data.paymentId, amount: e.data.amount, children: paid }
    deps.ledger.note('paid_children', payload, { by: systemBy(e) })
  })
  return { ok: true, outcome: paid.every((o) => o === 'paid') ? 'paid' : 'partly_paid' }
}

async function pay(deps: PaymentDeps, order: Order, e: Succeeded): Promise<PaymentOutcome> {
  if (order.children) return payChildren(deps, order, e)
  const d = decidePayment(order, e.data.amount, e.data.currency)
  if (d.kind === 'late') return refundLate(deps, order, e, d.reason)
  if (d.kind === 'mismatch') return holdForReview(deps, order, e, d.expected, stageOf(order, false))
  const booking: Booking = {
    action: d.action,
    amount: d.amount,
    payment: { paymentId: e.data.paymentId, sessionId: e.data.sessionId },
    ledger: [ledgerEntry(order, 'payment', e, null)],
    by: systemBy(e),
    alsoInTx: () => markSeen(deps.store, e, 'paid'),
  }
  return book(deps, order, booking, (now) => refundLate(deps, now, e, 'OUT_OF_STOCK_AT_PAYMENT'))
}

/** A declined attempt: recorded, and the stage's next session is a fresh attempt. */
function recordFailure(deps: PaymentDeps, order: Order, e: Succeeded): PaymentOutcome {
  const stage = stageOf(order, order.children !== undefined)
  deps.storage.transactionSync(() => {
    markSeen(deps.store, e, 'recorded')
    const payload = { paymentId: e.data.paymentId, amount: e.data.amount }
    const patch = { paymentAttempts: bumpAttempt(order, stage) }
    deps.ledger.note('payment_failed', payload, { by: systemBy(e), patch })
  })
  return { ok: true, outcome: 'recorded' }
}

/**
 * Applies one provider event to this order, once per event id and once per provider payment id.
 * Succeeded payments pay, are held for review, or are refunded as late; failed payments and refund
 * confirmations are recorded. Events may come in any order and any number of times.
 */
export async function applyPaymentEvent(
  deps: PaymentDeps,
  e: PaymentEvent,
): Promise<PaymentOutcome> {
  const current = deps.store.load()
  if (!current) return fail('NOT_FOUND', 'no such order')
  const seen = seenBefore(deps.store, e)
  if (seen) return { ok: true, outcome: `duplicate:${seen}` }
  if (e.type === 'payment.succeeded') return pay(deps, current.order, e)
  if (e.type === 'payment.failed') return recordFailure(deps, current.order, e)
  deps.storage.transactionSync(() => {
    markSeen(deps.store, e, 'recorded')
    const payload = { paymentId: e.data.paymentId, amount: e.data.amount }
    deps.ledger.note('refund_confirmed', payload, { by: systemBy(e) })
  })
  return { ok: true, outcome: 'recorded' }
}
