import type { HeldPayment, Order } from '../../src/domain/order'
import { type EffectKind, stockEffects } from '../../src/domain/order-effects'
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
  refund_paid: (order, base) =>
    (order.payments ?? []).map((p) => ({
      ...base,
      kind: 'refund',
      refund: {
        idempotencyKey: `cancel:${order.id}:${p.paymentId}`,
        paymentId: p.paymentId,
        sessionId: p.sessionId,
        amount: p.amount,
        currency: order.currency,
        reason: order.cancelReason ?? 'CANCELLED_AFTER_PAYMENT',
        ledgerKind: 'refund',
      },
    })),
  wallet_restore_points: (order, base) =>
    order.wallet && order.wallet.points > 0
      ? [{ ...base, points: order.wallet.points, opId: `cancel:${order.id}` }]
      : [],
  wms_intercept: (_order, base) => [base],
  refund_held: heldRefundTasks,
}

/** The effect tasks of one kind a transition queues for the order. */
export function tasksFor(order: Order, kind: EffectKind): EffectTask[] {
  const base = { kind, orderId: order.id, userId: order.userId }
  if (stockEffects.has(kind)) {
    return order.stock.filter((l) => l.allocations.length > 0).map((line) => ({ ...base, line }))
  }
  return (reverseTasks[kind] ?? walletTasks)(order, base)
}
