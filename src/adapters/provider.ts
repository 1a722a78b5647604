import type { Env } from '../env'
import { payingConfig, requireSandbox } from '../payments/payment-config'
import type { PaymentProvider } from './payment-provider'
import { type SandboxPayments, sandboxPayments } from './sandbox-payments'
import { stripePayments } from './stripe-payments'

type ProviderEnv = Pick<
  Env,
  | 'DB'
  | 'PAYMENT_PROVIDER'
  | 'WEBHOOK_SECRET'
  | 'STRIPE_SECRET_KEY'
  | 'STRIPE_WEBHOOK_SECRET'
  | 'PAYMENT_RETURN_URL'
>

/**
 * The payment provider this deployment takes money with, chosen by PAYMENT_PROVIDER. Unset, it
 * answers 503 PAYMENT_PROVIDER_NOT_CONFIGURED: there is no default provider.
 */
export function paymentProvider(env: ProviderEnv): PaymentProvider {
  const config = payingConfig(env)
  if (config.provider === 'stripe') return stripePayments(config)
  return sandboxPayments(env.DB, config.webhookSecret)
}

/** The sandbox with its buyer-side helpers; 404 unless PAYMENT_PROVIDER is `sandbox`. */
export function sandboxProvider(env: ProviderEnv): SandboxPayments {
  return sandboxPayments(env.DB, requireSandbox(env).webhookSecret)
}
