import type Stripe from 'stripe'
import type { PaymentEvent } from '../adapters/payment-events'
import { idOf } from '../adapters/stripe-ids'

/** What the mapping may have to ask Stripe when an event does not carry it. */
export interface StripeLookup {
  /** The refunds of a charge, when the `charge.refunded` event does not list them. */
  refundsOf(chargeId: string): Promise<Stripe.Refund[]>
  /** The order of a payment intent, from the metadata the checkout session gave it. */
  orderOf(paymentIntentId: string): Promise<string | null>
}

const unixSeconds = (event: Stripe.Event) => event.created

function paid(event: Stripe.Event, s: Stripe.Checkout.Session): PaymentEvent[] {
  const paymentId = idOf(s.payment_intent)
  const orderId = s.metadata?.orderId ?? s.client_reference_id
  // An asynchronous method (a bank debit) completes the session unpaid; its money comes later in
  // checkout.session.async_payment_succeeded.
  if (s.payment_status !== 'paid' || !paymentId || !orderId || s.amount_total === null) return []
  const data = {
    sessionId: s.id,
    paymentId,
    orderId,
    amount: s.amount_total,
    currency: (s.currency ?? '').toUpperCase(),
  }
  return [{ id: event.id, type: 'payment.succeeded', created: unixSeconds(event), data }]
}

function sessionFailed(event: Stripe.Event, s: Stripe.Checkout.Session): PaymentEvent[] {
  const paymentId = idOf(s.payment_intent)
  const orderId = s.metadata?.orderId ?? s.client_reference_id
  if (!paymentId || !orderId || s.amount_total === null) return []
  const currency = (s.currency ?? '').toUpperCase()
  const data = { sessionId: s.id, paymentId, orderId, amount: s.amount_total, currency }
  return [{ id: event.id, type: 'payment.failed', created: unixSeconds(event), data }]
}

function failed(event: Stripe.Event, pi: Stripe.PaymentIntent): PaymentEvent[] {
  const orderId = pi.metadata?.orderId
  if (!orderId) return []
  const data = {
    sessionId: pi.id,
    paymentId: pi.id,
    orderId,
    amount: pi.amount,
    currency: pi.currency.toUpperCase(),
  }
  return [{ id: event.id, type: 'payment.failed', created: unixSeconds(event), data }]
}

/**
 * One `refund.succeeded` per succeeded refund of the charge. Stripe sends `charge.refunded` again
 * for each later refund with every refund so far, so each refund gets an event id of its own and
 * the ones already applied are duplicates.
 */
async function refunded(charge: Stripe.Charge, lookup: StripeLookup): Promise<PaymentEvent[]> {
  const paymentId = idOf(charge.payment_intent)
  if (!paymentId) return []
  const refunds = charge.refunds?.data ?? (await lookup.refundsOf(charge.id))
  const fallback = charge.metadata?.orderId ?? null
  const out: PaymentEvent[] = []
  for (const r of refunds) {
    if (r.status !== 'succeeded') continue
    const orderId = r.metadata?.orderId ?? fallback ?? (await lookup.orderOf(paymentId))
    if (!orderId) continue
    const data = {
      sessionId: paymentId,
      paymentId,
      orderId,
      refundId: r.id,
      amount: r.amount,
      currency: r.currency.toUpperCase(),
    }
    out.push({ id: `evt_${r.id}`, type: 'refund.succeeded', created: r.created, data })
  }
  return out
}

/**
 * Stripe's event as the payment events the order actor applies; an event of another type, or one
 * that names no order of ours, maps to nothing and is acknowledged.
 */
export async function paymentEventsOf(
  event: Stripe.Event,
  lookup: StripeLookup,
): Promise<PaymentEvent[]> {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return paid(event, event.data.object)
    case 'checkout.session.async_payment_failed':
      return sessionFailed(event, event.data.object)
    case 'payment_intent.payment_failed':
      return failed(event, event.data.object)
    case 'charge.refunded':
      return refunded(event.data.object, lookup)
    default:
      return []
  }
}
