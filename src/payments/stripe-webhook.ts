import Stripe from 'stripe'
import { stripeClient } from '../adapters/stripe-payments'
import type { Env } from '../env'
import { AppError } from '../errors'
import { isOrderId, orderIdKeyring } from '../ids'
import { paymentConfig } from './payment-config'
import { type Applied, applyEvent, checkedEvent } from './receive-webhook'
import { paymentEventsOf, type StripeLookup } from './stripe-events'

/** Stripe's own default: a signature older than five minutes is refused as a replay. */
const toleranceSeconds = 300
const cryptoProvider = Stripe.createSubtleCryptoProvider()

export interface StripeDelivery {
  readonly eventId: string
  readonly type: string
  readonly applied: readonly Applied[]
}

/** What the event mapping asks Stripe, through the same client as every other call. */
export function lookupWith(stripe: Stripe): StripeLookup {
  return {
    refundsOf: async (chargeId) =>
      (await stripe.refunds.list({ charge: chargeId, limit: 100 })).data,
    orderOf: async (paymentIntentId) =>
      (await stripe.paymentIntents.retrieve(paymentIntentId)).metadata?.orderId ?? null,
  }
}

async function verified(raw: string, signature: string, secret: string): Promise<Stripe.Event> {
  try {
    return await Stripe.webhooks.constructEventAsync(
      raw,
      signature,
      secret,
      toleranceSeconds,
      cryptoProvider,
    )
  } catch (error) {
    const message = error instanceof Error ? error.message : ''
    const reason = /tolerance/i.test(message) ? 'STALE_TIMESTAMP' : 'BAD_SIGNATURE'
    throw new AppError('WEBHOOK_REJECTED', `stripe webhook refused: ${reason}`, { reason })
  }
}

/**
 * A Stripe webhook: the Stripe-Signature is checked over the raw body (401 and nothing changes
 * when it fails), then each payment event it means is applied by its order's actor. Events of
 * other types and events of orders that are not ours are acknowledged and change nothing, so
 * Stripe stops retrying them.
 */
export async function receiveStripeWebhook(
  env: Env,
  raw: string,
  signature: string | undefined,
  client?: Stripe,
): Promise<StripeDelivery> {
  const config = paymentConfig(env)
  if (config.provider !== 'stripe') throw new AppError('NOT_FOUND', 'Stripe is not configured here')
  if (!signature) {
    throw new AppError('WEBHOOK_REJECTED', 'the Stripe-Signature header is missing', {
      reason: 'MISSING_HEADERS',
    })
  }
  const event = await verified(raw, signature, config.webhookSecret)
  const stripe = client ?? stripeClient(config)
  const applied: Applied[] = []
  for (const mapped of await paymentEventsOf(event, lookupWith(stripe))) {
    const payment = checkedEvent(mapped)
    if (!(await isOrderId(orderIdKeyring(env), payment.data.orderId))) continue
    applied.push(await applyEvent(env, payment))
  }
  return { eventId: event.id, type: event.type, applied }
}
