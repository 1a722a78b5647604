import { type PaymentEvent, PaymentEventSchema } from '../adapters/payment-events'
import { verify } from '../adapters/webhook-signature'
import type { Env } from '../env'
import { AppError, unwrap } from '../errors'
import { isOrderId, orderIdKeyring } from '../ids'
import { paymentConfig } from './payment-config'

export interface Applied {
  readonly eventId: string
  readonly orderId: string
  readonly outcome: string
}

function parseEvent(raw: string): PaymentEvent {
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    throw new AppError('MALFORMED_JSON', 'the webhook body is not JSON')
  }
  return checkedEvent(json)
}

/** A payment event as the actor accepts it; a field out of shape is a 400 naming the field. */
export function checkedEvent(json: unknown): PaymentEvent {
  const parsed = PaymentEventSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue?.path.map(String).join('.') || '(body)'
    throw new AppError('VALIDATION_FAILED', `webhook ${field}: ${issue?.message ?? 'invalid'}`)
  }
  return parsed.data
}

/** Hands a verified event to its order's actor, which deduplicates by event and payment id. */
export async function applyEvent(env: Env, event: PaymentEvent): Promise<Applied> {
  const orderId = event.data.orderId
  if (!(await isOrderId(orderIdKeyring(env), orderId))) {
    throw new AppError('NOT_FOUND', 'no such order')
  }
  const stub = env.ORDER_ACTOR.get(env.ORDER_ACTOR.idFromName(orderId))
  const { outcome } = unwrap(await stub.applyPayment(event))
  return { eventId: event.id, orderId, outcome }
}

/** The Standard Webhooks secret in force: the sandbox's, or an extra sender's beside Stripe. */
function standardSecret(env: Env): string {
  const config = paymentConfig(env)
  if (config.provider === 'sandbox') return config.webhookSecret
  if (config.provider === 'stripe' && config.standardSecret) return config.standardSecret
  throw new AppError('NOT_FOUND', 'no Standard Webhooks sender is configured here')
}

/**
 * A Standard Webhooks delivery, from the raw body as signed: verified (bad signature or stale
 * timestamp: 401, nothing changes), parsed, then applied by the order's actor. Both the public
 * route and the sandbox's own delivery come through here.
 */
export async function receiveWebhook(env: Env, raw: string, headers: Headers): Promise<Applied> {
  const checked = verify(standardSecret(env), headers, raw)
  if (!checked.ok) {
    throw new AppError('WEBHOOK_REJECTED', `webhook refused: ${checked.reason}`, {
      reason: checked.reason,
    })
  }
  return applyEvent(env, parseEvent(raw))
}
