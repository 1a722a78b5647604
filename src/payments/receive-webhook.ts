import { type PaymentEvent, PaymentEventSchema } from '../adapters/payment-events'
import { verify } from '../adapters/webhook-signature'
import type { Env } from '../env'
import { AppError, unwrap } from '../errors'
import { isOrderId } from '../ids'

/** Five minutes either side, the Standard Webhooks default. */
const toleranceSeconds = 300

function parseEvent(raw: string): PaymentEvent {
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    throw new AppError('MALFORMED_JSON', 'the webhook body is not JSON')
  }
  const parsed = PaymentEventSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue?.path.map(String).join('.') || '(body)'
    throw new AppError('VALIDATION_FAILED', `webhook ${field}: ${issue?.message ?? 'invalid'}`)
  }
  return parsed.data
}

/**
 * A provider webhook, from the raw body as signed: verified (bad signature or stale timestamp:
 * 401, nothing changes), parsed, then applied by the order's actor, which deduplicates by event
 * id. Both the public route and the sandbox's own delivery come through here.
 */
export async function receiveWebhook(
  env: Env,
  raw: string,
  headers: Headers,
): Promise<{ eventId: string; orderId: string; outcome: string }> {
  const checked = await verify(
    env.WEBHOOK_SECRET,
    headers,
    raw,
    Math.floor(Date.now() / 1000),
    toleranceSeconds,
  )
  if (!checked.ok) throw new AppError('WEBHOOK_REJECTED', `webhook refused: ${checked.reason}`)
  const event = parseEvent(raw)
  const orderId = event.data.orderId
  if (!(await isOrderId(env.JWT_SECRET, orderId))) throw new AppError('NOT_FOUND', 'no such order')
  const stub = env.ORDER_ACTOR.get(env.ORDER_ACTOR.idFromName(orderId))
  const { outcome } = unwrap(await stub.applyPayment(event))
  return { eventId: event.id, orderId, outcome }
}
