import { paymentProvider } from '../adapters/provider'
import type { ActorRef } from '../domain/order'
import type { Env } from '../env'
import { AppError, unwrap } from '../errors'
import { receiveWebhook } from './receive-webhook'

export interface OpenedSession {
  readonly sessionId: string
  readonly orderId: string
  readonly amount: number
  readonly currency: string
}

/**
 * A provider session for what the order owes now. The session key is the order and the amount,
 * so asking twice for the same payment gives the same session.
 */
export async function openPaymentSession(
  env: Env,
  orderId: string,
  by: ActorRef,
): Promise<OpenedSession> {
  const stub = env.ORDER_ACTOR.get(env.ORDER_ACTOR.idFromName(orderId))
  const due = unwrap(await stub.paymentDue(by))
  const opened = await paymentProvider(env).openSession({
    sessionKey: `${orderId}:${due.currency}:${due.amount}`,
    orderId,
    amount: due.amount,
    currency: due.currency,
    description: `order ${orderId}`,
  })
  if (!opened.ok) throw new AppError('CONFLICT', opened.message, { provider: opened.code })
  return { sessionId: opened.sessionId, orderId, amount: opened.amount, currency: opened.currency }
}

/**
 * The sandbox provider pays the session and delivers its signed webhook through the same path
 * a real provider's would take.
 */
export async function completeSandboxPayment(
  env: Env,
  sessionId: string,
  options: { amount?: number; fail?: boolean },
): Promise<{ eventId: string; orderId: string; outcome: string }> {
  const delivery = await paymentProvider(env).complete(sessionId, {
    ...(options.amount === undefined ? {} : { amountOverride: options.amount }),
    ...(options.fail ? { fail: true } : {}),
  })
  if (!delivery.ok) {
    const code = delivery.code === 'SESSION_NOT_FOUND' ? 'NOT_FOUND' : 'CONFLICT'
    throw new AppError(code, delivery.message, { provider: delivery.code })
  }
  return receiveWebhook(env, delivery.body, new Headers(delivery.headers))
}
