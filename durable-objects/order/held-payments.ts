import type { LedgerEntry } from '../../src/domain/ledger-entry'
import { formatMoney } from '../../src/domain/money'
import type { ActorRef, HeldPayment, Order, PaymentStage } from '../../src/domain/order'
import { amountDue } from '../../src/domain/order-transition'
import { bumpAttempt } from '../../src/domain/payment-stage'
import { payActionByStatus } from '../../src/domain/process/order-types'
import { fail, type Result } from '../../src/errors'
import { refundTask } from './effect-tasks'
import type { EffectTask } from './effects'
import {
  book,
  ledgerEntry,
  markSeen,
  type PaymentDeps,
  type PaymentOutcome,
  type Succeeded,
  systemBy,
} from './payment-records'

/**
 * Money that arrived but did not match what the order owed is held: kept on the order and in the
 * ledger until an admin or customer service refunds or accepts it. An order that ends (cancelled,
 * expired, balance missed) with money still held refunds it automatically.
 */

/** Books a mismatched payment as held; the stage's next session is a fresh attempt. */
export function holdForReview(
  deps: PaymentDeps,
  order: Order,
  e: Succeeded,
  expected: number,
  stage: PaymentStage,
): PaymentOutcome {
  const got = formatMoney({ amount: e.data.amount, currency: e.data.currency })
  const owed = formatMoney({ amount: expected, currency: order.currency })
  const reason = `PAYMENT_MISMATCH: got ${got}, owed ${owed}`
  const held: HeldPayment = {
    paymentId: e.data.paymentId,
    sessionId: e.data.sessionId,
    amount: e.data.amount,
    currency: e.data.currency,
    expected,
    heldAt: Date.now(),
    status: 'held',
  }
  deps.storage.transactionSync(() => {
    markSeen(deps.store, e, 'held_for_review')
    const payload = { paymentId: held.paymentId, amount: held.amount, currency: held.currency }
    const row: LedgerEntry = {
      ...ledgerEntry(order, 'payment_mismatch', e, reason),
      held: { expected },
    }
    const patch = {
      reviewReason: reason,
      held: [...(order.held ?? []), held],
      paymentAttempts: bumpAttempt(order, stage),
    }
    deps.ledger.note(
      'payment_mismatch',
      { ...payload, expected },
      { ledger: [row], patch, by: systemBy(e) },
    )
  })
  return { ok: true, outcome: 'held_for_review' }
}

export type HeldDecision = 'refund' | 'accept'

function withStatus(order: Order, paymentId: string, status: HeldPayment['status']) {
  const held = (order.held ?? []).map((h) => (h.paymentId === paymentId ? { ...h, status } : h))
  const open = held.some((h) => h.status === 'held')
  return { held, reviewReason: open ? (order.reviewReason ?? null) : null }
}

function refundHeld(deps: PaymentDeps, order: Order, h: HeldPayment, by: ActorRef) {
  deps.storage.transactionSync(() => {
    const task = refundTask(
      order,
      h,
      { kind: 'refund', orderId: order.id, userId: order.userId },
      'HELD_PAYMENT_REFUNDED',
    )
    deps.ledger.queue(task)
    const payload = { paymentId: h.paymentId, amount: h.amount }
    deps.ledger.note('held_payment_refund', payload, {
      by,
      patch: withStatus(order, h.paymentId, 'refunding'),
    })
  })
  return { ok: true as const, outcome: 'refunding' }
}

/** The part of an accepted payment above what the order owed goes back to the buyer. */
function excessRefund(order: Order, h: HeldPayment, excess: number): EffectTask {
  return {
    kind: 'refund',
    orderId: order.id,
    userId: order.userId,
    refund: {
      idempotencyKey: `excess:${order.id}:${h.paymentId}`,
      paymentId: h.paymentId,
      sessionId: h.sessionId,
      amount: excess,
      currency: h.currency,
      reason: 'HELD_PAYMENT_EXCESS',
      ledgerKind: 'late_payment_refund',
    },
  }
}

/** Why a held payment cannot pay this order now, or null when it can. */
function acceptRefusal(order: Order, h: HeldPayment) {
  if (order.children) return fail('CONFLICT', 'a merged payment cannot be accepted: refund it')
  if (!payActionByStatus[order.status]) {
    const message = `the order is ${order.status}: a held payment can only be refunded`
    return fail('ILLEGAL_TRANSITION', message, { state: order.status, action: 'accept' })
  }
  if (h.currency !== order.currency) {
    return fail(
      'HELD_PAYMENT_SHORT',
      `the payment is in ${h.currency}, the order in ${order.currency}`,
    )
  }
  const due = amountDue(order)
  if (h.amount < due) {
    const message = `the payment brought ${h.amount} of the ${due} owed: refund it`
    return fail('HELD_PAYMENT_SHORT', message, { due, amount: h.amount })
  }
  return null
}

/**
 * Accepting pays the order with the held money; anything above what it owes goes back. The
 * ledger books the accepted part as the payment, under the same provider payment.
 */
async function acceptHeld(deps: PaymentDeps, order: Order, h: HeldPayment, by: ActorRef) {
  const refused = acceptRefusal(order, h)
  if (refused) return refused
  const action = payActionByStatus[order.status]
  if (!action) return fail('ILLEGAL_TRANSITION', 'not payable')
  const due = amountDue(order)
  const base = { orderId: order.id, parentOrderId: order.parentId, providerRef: h.paymentId }
  const row: LedgerEntry = {
    ...base,
    kind: 'payment',
    sessionId: h.sessionId,
    amount: due,
    currency: h.currency,
    status: 'succeeded',
    at: Date.now(),
    note: `HELD_PAYMENT_ACCEPTED by ${by.role} ${by.id}`,
    settles: { paymentId: h.paymentId, as: 'accepted' },
  }
  const excess = h.amount - due
  const alsoInTx = () => {
    if (excess > 0) deps.ledger.queue(excessRefund(order, h, excess))
  }
  const accepted = { ...order, ...withStatus(order, h.paymentId, 'accepted') }
  const booking = {
    action,
    amount: due,
    payment: { paymentId: h.paymentId, sessionId: h.sessionId },
    ledger: [row],
    by: { role: 'system' as const, id: `held:${by.role}:${by.id}` },
    alsoInTx,
  }
  return book(deps, accepted, booking, () => refundHeld(deps, order, h, by))
}

/** An admin's or customer service's decision on one held payment of this order. */
export async function settleHeldPayment(
  deps: PaymentDeps,
  paymentId: string,
  decision: HeldDecision,
  by: ActorRef,
): Promise<Result<{ outcome: string }>> {
  const order = deps.store.load()?.order
  const h = order?.held?.find((x) => x.paymentId === paymentId)
  if (!order || !h) return fail('NOT_FOUND', `no held payment ${paymentId} on this order`)
  if (h.status !== 'held') {
    return fail('HELD_PAYMENT_SETTLED', `payment ${paymentId} is already ${h.status}`, {
      status: h.status,
    })
  }
  if (decision === 'refund') return refundHeld(deps, order, h, by)
  return acceptHeld(deps, order, h, by)
}
