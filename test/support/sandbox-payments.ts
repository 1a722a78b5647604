import { env } from 'cloudflare:test'
import type { SandboxDelivery, SandboxPayments } from '../../src/adapters/sandbox-payments'
import { sandboxPayments } from '../../src/adapters/sandbox-payments'
import { uid } from './ids'
import { webhookSecret } from './webhooks'

export const t0 = Date.UTC(2026, 0, 1, 8, 0, 0)

/** A sandbox on a clock the test moves by hand. */
export function sandbox(start = t0) {
  const clock = { now: start }
  return { clock, pay: sandboxPayments(env.DB, webhookSecret, () => clock.now) }
}

export async function opened(pay: SandboxPayments, amount = 4545) {
  const orderId = uid('ord')
  const session = await pay.openSession({
    sessionKey: uid('sk'),
    orderId,
    amount,
    currency: 'CNY',
    description: 'Order',
  })
  if (!session.ok) throw new Error(session.message)
  return { orderId, sessionId: session.sessionId }
}

export function delivered(result: SandboxDelivery) {
  if (!result.ok) throw new Error(result.message)
  return result
}

/** A session of `amount` CNY, opened and paid. */
export async function paid(pay: SandboxPayments, amount = 4545) {
  const { orderId, sessionId } = await opened(pay, amount)
  const event = delivered(await pay.complete(sessionId)).event
  return { orderId, sessionId, paymentId: event.data.paymentId }
}

/** The statement rows of one order, so rows of other tests sharing the clock do not show. */
export async function statementOf(pay: SandboxPayments, orderId: string) {
  const rows = await pay.statement({ from: t0 - 86_400_000, to: t0 + 86_400_000 })
  return rows.filter((r) => r.orderId === orderId)
}
