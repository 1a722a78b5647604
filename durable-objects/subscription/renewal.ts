import { paymentProvider } from '../../src/adapters/provider'
import type { ActorRef } from '../../src/domain/order'
import type { Subscription } from '../../src/domain/subscription/types'
import type { Env } from '../../src/env'
import { AppError } from '../../src/errors'
import { applyEvent } from '../../src/payments/receive-webhook'
import { openPaymentSession } from '../../src/payments/sandbox-checkout'
import { type PlacedOrder, placeCycleOrder } from './place-cycle'

export type RenewalOutcome =
  | {
      readonly ok: true
      readonly orderId: string
      readonly amount: number
      readonly currency: string
    }
  | {
      readonly ok: false
      readonly code: string
      readonly message: string
      readonly orderId: string | null
    }

type Charge = { readonly ok: true } | { readonly ok: false; code: string; message: string }

const declined = (code: string, message: string): Charge => ({ ok: false, code, message })

/**
 * Charges the order's payment from the saved method and applies the outcome to the order, as a
 * verified webhook would be: the answer came from our own authenticated call to the provider.
 * A webhook the provider may also send about the same payment is applied once: the order
 * deduplicates by payment id. An order with nothing left to pay (paid by an earlier run of this renewal, or free)
 * counts as paid.
 */
async function charge(env: Env, order: PlacedOrder, by: ActorRef, method: string): Promise<Charge> {
  try {
    const session = await openPaymentSession(env, order.id, by)
    const charged = await paymentProvider(env).chargeSaved({
      sessionId: session.sessionId,
      orderId: order.id,
      amount: session.amount,
      currency: session.currency,
      paymentMethod: method,
    })
    if (!charged.ok) return declined(charged.code, charged.message)
    if (charged.event.type === 'payment.failed') {
      return declined('PAYMENT_DECLINED', 'the saved payment method was declined')
    }
    const applied = await applyEvent(env, charged.event)
    if (applied.outcome === 'paid' || applied.outcome === 'duplicate:paid') return { ok: true }
    return declined('PAYMENT_NOT_APPLIED', `the payment was ${applied.outcome}`)
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    if (error.code === 'ILLEGAL_TRANSITION' && order.status !== 'cancelled') return { ok: true }
    return declined(error.code, error.message)
  }
}

/** A declined renewal's order goes at once, its stock back, rather than at its deadline. */
async function dropOrder(env: Env, orderId: string, sub: Subscription): Promise<void> {
  const stub = env.ORDER_ACTOR.get(env.ORDER_ACTOR.idFromName(orderId))
  const by: ActorRef = { role: 'system', id: `subscription:${sub.id}` }
  await stub.cancel({ by, reason: 'subscription renewal payment declined' }).catch(() => null)
}

/** One renewal: the cycle's order placed through the placement route, then paid. */
export async function runRenewal(
  env: Env,
  sub: Subscription,
  key: string,
): Promise<RenewalOutcome> {
  const placed = await placeCycleOrder(env, sub, key)
  if (!placed.ok) return { ok: false, code: placed.code, message: placed.message, orderId: null }
  const { order } = placed
  const by: ActorRef = { role: 'buyer', id: sub.userId }
  const paid = await charge(env, order, by, sub.plan.paymentMethod)
  if (paid.ok) {
    const { amount, currency } = order.amounts.payable
    return { ok: true, orderId: order.id, amount, currency }
  }
  await dropOrder(env, order.id, sub)
  return { ok: false, code: paid.code, message: paid.message, orderId: order.id }
}
