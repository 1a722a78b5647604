import type { AfterSale } from '../../../src/domain/after-sale/record'
import type { RefundPlan } from '../../../src/domain/after-sale/refund-amounts'
import {
  type PaymentSplitFailure,
  splitRefundOverPayments,
} from '../../../src/domain/after-sale/refund-payments'
import type { Order } from '../../../src/domain/order'
import { cancelledFromPayments } from '../../../src/domain/partial-cancel/plan'
import type { AfterSaleStatus } from '../../../src/domain/process/after-sale-types'
import type { EffectTask } from '../effects'
import type { Payout, StoredAfterSale } from './records'

/** What one payment has given back so far, over every after-sale whose refund committed. */
function takenFrom(others: readonly StoredAfterSale[], paymentId: string): number {
  return others
    .flatMap((s) => s.payouts)
    .filter((p) => p.paymentId === paymentId)
    .reduce((acc, p) => acc + p.amount, 0)
}

/**
 * A refund's parts over the order's provider payments (a presale has two). Parts committed by
 * other after-sales count as taken even before the provider confirms them, so two refunds never
 * promise the same money.
 */
export function payoutsFor(
  order: Order,
  others: readonly StoredAfterSale[],
  total: number,
): { readonly ok: true; readonly value: Payout[] } | PaymentSplitFailure {
  // A partial cancel before shipment took its part of each payment too.
  const cancelled = cancelledFromPayments(order)
  const payments = (order.payments ?? []).map((p) => ({
    paymentId: p.paymentId,
    amount: p.amount,
    at: p.at,
    refunded: takenFrom(others, p.paymentId) + (cancelled.get(p.paymentId) ?? 0),
  }))
  const split = splitRefundOverPayments(total, payments)
  if (!split.ok) return split
  return { ok: true, value: split.value.map((p) => ({ ...p, done: false })) }
}

const baseOf = (order: Order, a: AfterSale) => ({
  orderId: order.id,
  userId: order.userId,
  afterSaleId: a.id,
})

/** One provider refund per payment part, keyed so a retried refund moves the money once. */
function refundTasks(order: Order, a: AfterSale, payouts: readonly Payout[]): EffectTask[] {
  return payouts.flatMap((p): EffectTask[] => {
    const payment = order.payments?.find((x) => x.paymentId === p.paymentId)
    if (!payment) return []
    const refund = {
      idempotencyKey: `as:${a.id}:${p.paymentId}`,
      paymentId: p.paymentId,
      sessionId: payment.sessionId,
      amount: p.amount,
      currency: order.currency,
      reason: `AFTER_SALE_${a.type.toUpperCase()}`,
      ledgerKind: 'refund' as const,
    }
    return [{ ...baseOf(order, a), kind: 'refund', refund }]
  })
}

/** The returned units back on sale at the warehouse they left, once per after-sale and line. */
function restockTasks(order: Order, a: AfterSale): EffectTask[] {
  return a.lines.flatMap((asked): EffectTask[] => {
    const line = order.stock.find((s) => s.lineNo === asked.lineNo)
    if (!line) return []
    const opId = `${a.id}-l${asked.lineNo}`
    return [{ ...baseOf(order, a), kind: 'stock_restock', line, qty: asked.qty, opId }]
  })
}

/** Points back in proportion to the money (refund-points.ts); coupons stay spent. */
function pointsTasks(order: Order, a: AfterSale, plan: RefundPlan): EffectTask[] {
  if (plan.points <= 0) return []
  const task = { ...baseOf(order, a), kind: 'wallet_restore_points' as const }
  return [{ ...task, points: plan.points, opId: `as:${a.id}` }]
}

/**
 * What an after-sale entering `to` sets off. A committed refund pays back, returns points and,
 * for goods sent back, restocks them (a refund-only keeps nothing to restock). An exchange
 * restocks the returned units when they arrive; its replacement takes new ones.
 */
export function tasksOnEntering(
  order: Order,
  stored: StoredAfterSale,
  to: AfterSaleStatus,
  refundCommitted: boolean,
): EffectTask[] {
  const a = stored.record
  if (refundCommitted && a.refund) {
    const restock = a.type === 'return_refund' ? restockTasks(order, a) : []
    return [
      ...refundTasks(order, a, stored.payouts),
      ...pointsTasks(order, a, a.refund),
      ...restock,
    ]
  }
  if (a.type === 'exchange' && to === 'exchange_outbound') return restockTasks(order, a)
  return []
}
