import { paymentProvider, sandboxProvider } from '../adapters/provider'
import type { ActorRef, PaymentStage } from '../domain/order'
import { sessionKey } from '../domain/payment-stage'
import type { Env } from '../env'
import { AppError, unwrap } from '../errors'
import { payingConfig } from './payment-config'
import { type Applied, receiveWebhook } from './receive-webhook'

export interface OpenedSession {
  readonly sessionId: string
  readonly orderId: string
  readonly amount: number
  readonly currency: string
  readonly stage: PaymentStage
  readonly attempt: number
  readonly url: string | null
}

/**
 * A provider session for what the order owes now. The session key is the order, the stage
 * (full, deposit, balance, merged) and the attempt, so asking twice for the same payment gives
 * the same session, a presale's balance never reuses its deposit's, and a failed or mismatched
 * attempt is followed by a fresh session.
 */
export async function openPaymentSession(
  env: Env,
  orderId: string,
  by: ActorRef,
): Promise<OpenedSession> {
  payingConfig(env)
  const stub = env.ORDER_ACTOR.get(env.ORDER_ACTOR.idFromName(orderId))
  const due = unwrap(await stub.paymentDue(by))
  const opened = await paymentProvider(env).openSession({
    sessionKey: sessionKey(orderId, due.stage, due.attempt, due),
    orderId,
    amount: due.amount,
    currency: due.currency,
    description: `order ${orderId} (${due.stage})`,
  })
  if (!opened.ok) {
    const code = opened.code === 'PROVIDER_UNAVAILABLE' ? 'UNAVAILABLE' : 'CONFLICT'
    throw new AppError(code, opened.message, { provider: opened.code })
  }
  return {
    sessionId: opened.sessionId,
    orderId,
    amount: opened.amount,
    currency: opened.currency,
    stage: due.stage,
    attempt: due.attempt,
    url: opened.url ?? null,
  }
}

/**
 * The sandbox provider pays the session and delivers its signed webhook through the same path
 * a real provider's would take. 404 unless the sandbox is the configured provider.
 */
export async function completeSandboxPayment(
  env: Env,
  sessionId: string,
  options: { amount?: number; fail?: boolean },
): Promise<Applied> {
  const delivery = await sandboxProvider(env).complete(sessionId, {
    ...(options.amount === undefined ? {} : { amountOverride: options.amount }),
    ...(options.fail ? { fail: true } : {}),
  })
  if (!delivery.ok) {
    const code = delivery.code === 'SESSION_NOT_FOUND' ? 'NOT_FOUND' : 'CONFLICT'
    throw new AppError(code, delivery.message, { provider: delivery.code })
  }
  return receiveWebhook(env, delivery.body, new Headers(delivery.headers))
}
