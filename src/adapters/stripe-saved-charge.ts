import Stripe from 'stripe'
import type { PaymentEvent } from './payment-events'
import {
  type ProviderResult,
  providerFailure,
  type SavedCharge,
  type SavedChargeOutcome,
} from './payment-provider'
import { idOf } from './stripe-ids'

type PaymentOutcome = 'payment.succeeded' | 'payment.failed'

/** The outcome as the event the order actor applies; the payment intent is the payment. */
function outcomeEvent(
  type: PaymentOutcome,
  input: SavedCharge,
  pi: { id: string; created: number; amount: number; currency: string } | null,
  now: number,
): PaymentEvent {
  const paymentId = pi?.id ?? input.sessionId
  return {
    id: `evt_${paymentId}`,
    type,
    created: pi?.created ?? Math.floor(now / 1000),
    data: {
      sessionId: input.sessionId,
      paymentId,
      orderId: input.orderId,
      amount: pi?.amount ?? input.amount,
      currency: (pi?.currency ?? input.currency).toUpperCase(),
    },
  }
}

/**
 * Charges a saved card with the buyer absent: a PaymentIntent confirmed off-session on the
 * customer the card is saved to (Stripe refuses a saved method without its customer).
 * The session id is the idempotency key, so a renewal retried after a lost answer is one charge.
 * A card the issuer declines, or that needs the buyer to authenticate, is a `payment.failed`
 * outcome, not an error: the renewal retries later or suspends, as with any decline.
 */
export async function chargeSavedCard(
  stripe: Stripe,
  input: SavedCharge,
  now: number = Date.now(),
): Promise<ProviderResult<SavedChargeOutcome>> {
  const method = await stripe.paymentMethods.retrieve(input.paymentMethod)
  const customer = idOf(method.customer)
  // A card answers at once; a bank debit would settle days later, outside the renewal's run.
  if (method.type !== 'card' || !customer) {
    const why = method.type !== 'card' ? `is a ${method.type}, not a card` : 'has no customer'
    return providerFailure(
      'INVALID_REQUEST',
      `stripe: payment method ${input.paymentMethod} ${why}`,
    )
  }
  try {
    const pi = await stripe.paymentIntents.create(
      {
        amount: input.amount,
        currency: input.currency.toLowerCase(),
        customer,
        payment_method: input.paymentMethod,
        off_session: true,
        confirm: true,
        metadata: { orderId: input.orderId, sessionId: input.sessionId },
      },
      { idempotencyKey: `saved:${input.sessionId}` },
    )
    const type = pi.status === 'succeeded' ? 'payment.succeeded' : 'payment.failed'
    const received = { ...pi, amount: pi.amount_received || pi.amount }
    return { ok: true, event: outcomeEvent(type, input, received, now) }
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeCardError)) throw error
    const pi = error.payment_intent ?? null
    return { ok: true, event: outcomeEvent('payment.failed', input, pi, now) }
  }
}
