import type { Env } from '../env'
import { type SandboxPayments, sandboxPayments } from './sandbox-payments'

/**
 * The payment provider this deployment talks to. Only the sandbox exists today; a real provider
 * implements PaymentProvider and is chosen here by configuration.
 */
export function paymentProvider(env: Pick<Env, 'DB' | 'WEBHOOK_SECRET'>): SandboxPayments {
  return sandboxPayments(env.DB, env.WEBHOOK_SECRET)
}
