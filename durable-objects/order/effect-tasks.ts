import type { HeldPayment, Order } from '../../src/domain/order'
import { type EffectKind, stockEffects } from '../../src/domain/order-effects'
import { paymentsLeft, pointsLeft, restockLeft } from '../../src/domain/partial-cancel/remainder'
import type { EffectTask } from './effects'

type TaskBase = Pick<EffectTask, 'kind' | 'orderId' | 'userId'>

const heldKey = (order: Order, paymentId: string) => `held:${order.id}:${paymentId}`

export function refundTask(
  order: Order,
  h: HeldPayment,
  base: TaskBase,
  reason: string,
): EffectTask {
  return {
    ...base,
    kind: 'refund',
    refund: {
      idempotencyKey: heldKey(order, h.paymentId),
      paymentId: h.paymentId,
      sessionId: h.sessionId,
      amount: h.amount,
      currency: h.currency,
      reason,
      ledgerKind: 'late_payment_refund',
      heldPaymentId: h.paymentId,
    },
  }
}

/**
 * The refunds of every payment still held when the order ends. The idempotency key is the one an
 * admin's refund uses too, so both asking for the same hold moves the money once.
 */
export function heldRefundTasks(order: Order, base: TaskBase): EffectTask[] {
  return (order.held ?? [])
    .filter((h) => h.status === 'held')
    .map((h) => refundTask(order, h, base, 'HELD_PAYMENT_ORDER_ENDED'))
}

const walletTasks = (order: Order, base: TaskBase): EffectTask[] => (order.wallet ? [base] : [])

/**
 * The effects of cancelling after payment, per kind: a refund of every payment (everything paid
 * goes back, freight too, as nothing shipped), the redeemed points (the coupons stay spent), a
 * WMS interception, and the queue message the warehouse hears.
 */
const reverseTasks: Partial<Record<EffectKind, (order: Order, base: TaskBase) => EffectTask[]>> = {
  // After a partial cancel, each payment gives back only what that cancel left on it.
  refund_paid: (order, base) =>
    paymentsLeft(order).flatMap((left) => {
      const p = order.payments?.find((x) => x.paymentId === left.paymentId)
      if (!p) return []
      return [
        {
          ...base,
          kind: 'refund' as const,
          refund: {
            idempotencyKey: `cancel:${order.id}:${p.paymentId}`,
            paymentId: p.paymentId,
            sessionId: p.sessionId,
            amount: left.amount,
            currency: order.currency,
            reason: order.cancelReason ?? 'CANCELLED_AFTER_PAYMENT',
            ledgerKind: 'refund' as const,
          },
        },
      ]
    }),
  wallet_restore_points: (order, base) =>
    pointsLeft(order) > 0
      ? [{ ...base, points: pointsLeft(order), opId: `cancel:${order.id}` }]
      : [],
  wms_intercept: (_order, base) => [base],
  refund_held: heldRefundTasks,
}

/** The effect tasks of one kind a transition queues for the order. */
export function tasksFor(order: Order, kind: EffectKind): EffectTask[] {
  const base = { kind, orderId: order.id, userId: order.userId }
  if (kind === 'stock_restock') {
    // Units a partial cancel already put back on sale are not put back twice.
    return order.stock.flatMap((line) => {
      const qty = restockLeft(order, line.lineNo, line.qty)
      return line.allocations.length > 0 && qty > 0 ? [{ ...base, line, qty }] : []
    })
  }
  if (stockEffects.has(kind)) {
    return order.stock.filter((l) => l.allocations.length > 0).map((line) => ({ ...base, line }))
  }
  return (reverseTasks[kind] ?? walletTasks)(order, base)
}
