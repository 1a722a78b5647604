import type { Env } from '../env'
import { AppError } from '../errors'
import { logOnce } from './config-log'

/**
 * The payment configuration of this deployment, checked once per isolate. Nothing payable is
 * served unless `PAYMENT_PROVIDER` names a provider: a deployment that forgot it refuses to take
 * money rather than falling back to the sandbox, which lets anyone mark an order paid.
 */
export type PaymentConfig =
  | { readonly provider: 'none' }
  | { readonly provider: 'sandbox'; readonly webhookSecret: string }
  | {
      readonly provider: 'stripe'
      readonly secretKey: string
      readonly webhookSecret: string
      readonly returnUrl: string
      /** Standard Webhooks senders beside Stripe are optional in production. */
      readonly standardSecret: string | null
    }

export type ConfigProblem =
  | 'PAYMENT_PROVIDER_UNKNOWN'
  | 'WEBHOOK_SECRET_INVALID'
  | 'STRIPE_SECRET_KEY_INVALID'
  | 'STRIPE_WEBHOOK_SECRET_INVALID'
  | 'PAYMENT_RETURN_URL_INVALID'

type Checked = { readonly ok: true; readonly config: PaymentConfig } | ConfigFailure
interface ConfigFailure {
  readonly ok: false
  readonly problem: ConfigProblem
  readonly message: string
}

type ConfigEnv = Pick<
  Env,
  | 'PAYMENT_PROVIDER'
  | 'WEBHOOK_SECRET'
  | 'STRIPE_SECRET_KEY'
  | 'STRIPE_WEBHOOK_SECRET'
  | 'PAYMENT_RETURN_URL'
>

const standardSecretPattern =
  /^whsec_(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
const stripeKeyPattern = /^(?:sk|rk)_(?:test|live)_[A-Za-z0-9]{8,}$/
const stripeWebhookPattern = /^whsec_[A-Za-z0-9]{8,}$/

const failure = (problem: ConfigProblem, message: string): ConfigFailure => ({
  ok: false,
  problem,
  message,
})

/** A Standard Webhooks secret is `whsec_` and the base64 of at least 16 key bytes. */
export function isStandardSecret(secret: string | undefined): secret is string {
  return secret !== undefined && standardSecretPattern.test(secret) && secret.length >= 6 + 24
}

function isHttpsUrl(url: string): boolean {
  if (!/^https:\/\/[^\s]+$/.test(url)) return false
  try {
    new URL(url.replaceAll('{ORDER_ID}', 'x'))
    return true
  } catch {
    return false
  }
}

function checkStripe(env: ConfigEnv): Checked {
  if (!env.STRIPE_SECRET_KEY || !stripeKeyPattern.test(env.STRIPE_SECRET_KEY)) {
    return failure('STRIPE_SECRET_KEY_INVALID', 'STRIPE_SECRET_KEY must be an sk_ or rk_ key')
  }
  if (!env.STRIPE_WEBHOOK_SECRET || !stripeWebhookPattern.test(env.STRIPE_WEBHOOK_SECRET)) {
    return failure('STRIPE_WEBHOOK_SECRET_INVALID', 'STRIPE_WEBHOOK_SECRET must be a whsec_ secret')
  }
  const url = env.PAYMENT_RETURN_URL ?? ''
  if (!isHttpsUrl(url)) {
    return failure('PAYMENT_RETURN_URL_INVALID', 'PAYMENT_RETURN_URL must be an https:// URL')
  }
  const standard = env.WEBHOOK_SECRET
  if (standard !== undefined && standard !== '' && !isStandardSecret(standard)) {
    return failure('WEBHOOK_SECRET_INVALID', 'WEBHOOK_SECRET must be whsec_ and base64')
  }
  const config: PaymentConfig = {
    provider: 'stripe',
    secretKey: env.STRIPE_SECRET_KEY,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    returnUrl: url,
    standardSecret: standard ? standard : null,
  }
  return { ok: true, config }
}

function check(env: ConfigEnv): Checked {
  const provider = env.PAYMENT_PROVIDER ?? ''
  if (provider === '') return { ok: true, config: { provider: 'none' } }
  if (provider === 'stripe') return checkStripe(env)
  if (provider !== 'sandbox') {
    return failure('PAYMENT_PROVIDER_UNKNOWN', `PAYMENT_PROVIDER ${provider} is not sandbox|stripe`)
  }
  if (!isStandardSecret(env.WEBHOOK_SECRET)) {
    return failure(
      'WEBHOOK_SECRET_INVALID',
      'WEBHOOK_SECRET must be whsec_ and the base64 of at least 16 bytes',
    )
  }
  return { ok: true, config: { provider: 'sandbox', webhookSecret: env.WEBHOOK_SECRET } }
}

// Keyed by the values checked, so an isolate checks each configuration once; tests that build
// the app with other bindings get their own entry.
const checked = new Map<string, Checked>()

function cached(env: ConfigEnv): Checked {
  const key = JSON.stringify([
    env.PAYMENT_PROVIDER,
    env.WEBHOOK_SECRET,
    env.STRIPE_SECRET_KEY,
    env.STRIPE_WEBHOOK_SECRET,
    env.PAYMENT_RETURN_URL,
  ])
  let result = checked.get(key)
  if (!result) {
    result = check(env)
    checked.set(key, result)
    if (!result.ok) logOnce(result.problem, result.message)
  }
  return result
}

/** The configuration, or a 503 naming what is wrong (never the secret itself). */
export function paymentConfig(env: ConfigEnv): PaymentConfig {
  const result = cached(env)
  if (result.ok) return result.config
  throw new AppError('SERVER_MISCONFIGURED', result.message, { problem: result.problem })
}

/** The provider that takes money, or 503 PAYMENT_PROVIDER_NOT_CONFIGURED. */
export function payingConfig(env: ConfigEnv): Exclude<PaymentConfig, { provider: 'none' }> {
  const config = paymentConfig(env)
  if (config.provider === 'none') {
    throw new AppError(
      'PAYMENT_PROVIDER_NOT_CONFIGURED',
      'this deployment has no payment provider (PAYMENT_PROVIDER is not set)',
    )
  }
  return config
}

/** Local-development features answer 404 unless the sandbox is the configured provider. */
export function requireSandbox(env: ConfigEnv): { provider: 'sandbox'; webhookSecret: string } {
  const config = cached(env)
  if (!config.ok || config.config.provider !== 'sandbox') {
    throw new AppError('NOT_FOUND', 'the sandbox payment provider is not enabled here')
  }
  return config.config
}
