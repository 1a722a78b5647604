import type { PaymentEvent } from '../adapters/payment-events'
import type { HealablePayment } from '../domain/reconciliation'
import type { Env } from '../env'
import { failureOf } from '../errors'
import { isOrderId, orderIdKeyring } from '../ids'

export type HealResult =
  | { readonly ok: true; readonly outcome: string }
  | { readonly ok: false; readonly code: string; readonly message: string }

/** Heals a PAID_NOT_MARKED by telling the order about the payment again. */
export type PaymentHealer = (payment: HealablePayment) => Promise<HealResult>

const reconciler = { role: 'admin' as const, id: 'reconciliation', storeId: null }

/** The provider event a re-delivery sends; the id is derived so repeated heals are one event. */
export function redeliveryEvent(p: HealablePayment): PaymentEvent {
  return {
    id: `evt_recon_${p.paymentId.replace(/[^A-Za-z0-9_-]/g, '_')}`,
    type: 'payment.succeeded',
    created: Math.floor(p.at / 1000),
    data: {
      sessionId: p.sessionId,
      paymentId: p.paymentId,
      orderId: p.orderId,
      amount: p.amount,
      currency: p.currency,
    },
  }
}

/**
 * Re-delivers through the order actor's `applyPayment`. Only an order that still owes money is
 * told: one that is already paid may have applied this very payment under its original event id
 * (its history not yet in D1), and a second delivery would refund it as a late payment.
 */
export function actorRedelivery(env: Env): PaymentHealer {
  return async (p) => {
    if (!(await isOrderId(orderIdKeyring(env), p.orderId))) {
      return { ok: false, code: 'NOT_FOUND', message: `${p.orderId} is not an order id` }
    }
    const stub = env.ORDER_ACTOR.get(env.ORDER_ACTOR.idFromName(p.orderId))
    const owes = failureOf(await stub.paymentDue(reconciler))
    if (owes) return { ok: false, code: owes.code, message: `not re-delivered: ${owes.message}` }
    const applied = await stub.applyPayment(redeliveryEvent(p))
    const refused = failureOf(applied)
    if (refused) return { ok: false, code: refused.code, message: refused.message }
    return { ok: true, outcome: 'outcome' in applied ? String(applied.outcome) : 'applied' }
  }
}
