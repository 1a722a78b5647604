import type { Order } from '../../src/domain/order'
import { amountDue } from '../../src/domain/order-transition'
import { attemptOf, type PaymentDue, stageOf } from '../../src/domain/payment-stage'
import { payActionByStatus } from '../../src/domain/process/order-types'
import type { Env } from '../../src/env'
import { fail, type Result } from '../../src/errors'
import { childrenDue } from './payments'

/** Payment attempts one stage of an order may make before it takes no more (it then expires). */
export const MAX_PAYMENT_ATTEMPTS = 10

/**
 * What a payment must bring now (deposit, balance or payable), for which stage and attempt, to
 * open a provider session. A split parent asks for what its unpaid children owe together.
 */
export async function paymentDueOf(env: Env, order: Order): Promise<Result<PaymentDue>> {
  const due = { orderId: order.id, currency: order.currency }
  if (order.children) {
    const parts = await childrenDue(env, order)
    const amount = parts.reduce((n, p) => n + p.amount, 0)
    if (parts.length > 0) {
      return { ok: true, ...due, amount, stage: 'merged', attempt: attemptOf(order, 'merged') }
    }
  }
  if (!payActionByStatus[order.status]) {
    const message = `nothing is payable in state ${order.status}`
    return fail('ILLEGAL_TRANSITION', message, { state: order.status, action: 'pay' })
  }
  const stage = stageOf(order, false)
  const attempt = attemptOf(order, stage)
  // Each declined or mismatched payment adds an event: an order cannot be grown without end.
  if (attempt > MAX_PAYMENT_ATTEMPTS) {
    const message = `${MAX_PAYMENT_ATTEMPTS} payments of this order failed; it takes no more`
    return fail('RATE_LIMITED', message, { stage, attempts: attempt - 1 })
  }
  return { ok: true, ...due, amount: amountDue(order), stage, attempt }
}
