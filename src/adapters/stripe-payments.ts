import Stripe from 'stripe'
import type {
  OpenSessionInput,
  PaymentProvider,
  PaymentSession,
  ProviderFailureCode,
  ProviderResult,
  RefundInput,
  RefundReceipt,
  StatementRange,
  StatementRow,
} from './payment-provider'
import { providerFailure } from './payment-provider'
import { methodsFor } from './stripe-methods'
import { chargeSavedCard } from './stripe-saved-charge'

export interface StripeOptions {
  readonly secretKey: string
  /** `{ORDER_ID}` in it is replaced by the order id. */
  readonly returnUrl: string
  /** The fetch the client sends through; tests pass a stand-in that records the requests. */
  readonly fetch?: typeof fetch
}

/** A Stripe client made for Workers: the fetch HTTP client, a few retries on network errors. */
export function stripeClient(options: Pick<StripeOptions, 'secretKey' | 'fetch'>): Stripe {
  return new Stripe(options.secretKey, {
    httpClient: Stripe.createFetchHttpClient(options.fetch),
    maxNetworkRetries: 2,
  })
}

function failureCode(error: unknown): ProviderFailureCode {
  if (error instanceof Stripe.errors.StripeIdempotencyError) return 'IDEMPOTENCY_KEY_REUSED'
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    if (error.code === 'charge_already_refunded' || error.code === 'amount_too_large') {
      return 'REFUND_EXCEEDS_PAYMENT'
    }
    return error.code === 'resource_missing' ? 'PAYMENT_NOT_FOUND' : 'INVALID_REQUEST'
  }
  return 'PROVIDER_UNAVAILABLE'
}

async function guarded<T>(call: () => Promise<ProviderResult<T>>): Promise<ProviderResult<T>> {
  try {
    return await call()
  } catch (error) {
    const message = error instanceof Error ? error.message : 'the payment provider failed'
    return providerFailure(failureCode(error), `stripe: ${message}`)
  }
}

function returnUrl(template: string, orderId: string, outcome: 'paid' | 'cancelled'): string {
  const url = new URL(template.replaceAll('{ORDER_ID}', encodeURIComponent(orderId)))
  url.searchParams.set('payment', outcome)
  return url.toString()
}

/** The Checkout Session of one payment: one line for the amount owed, the order in metadata. */
function sessionParams(
  options: StripeOptions,
  input: OpenSessionInput,
): Stripe.Checkout.SessionCreateParams {
  const methods = methodsFor(input.currency)
  const metadata = { orderId: input.orderId, sessionKey: input.sessionKey }
  const price_data = {
    currency: input.currency.toLowerCase(),
    unit_amount: input.amount,
    product_data: { name: input.description },
  }
  return {
    mode: 'payment',
    client_reference_id: input.orderId,
    line_items: [{ quantity: 1, price_data }],
    allowed_payment_method_types: methods,
    ...(methods.includes('wechat_pay')
      ? { payment_method_options: { wechat_pay: { client: 'web' } } }
      : {}),
    success_url: returnUrl(options.returnUrl, input.orderId, 'paid'),
    cancel_url: returnUrl(options.returnUrl, input.orderId, 'cancelled'),
    metadata,
    payment_intent_data: { metadata },
  }
}

/**
 * A Checkout Session for one stage of one order. The session key is also Stripe's idempotency
 * key, so asking again for the same stage and attempt gives back the same session.
 */
async function openSession(
  stripe: Stripe,
  options: StripeOptions,
  input: OpenSessionInput,
): Promise<ProviderResult<PaymentSession>> {
  const session = await stripe.checkout.sessions.create(sessionParams(options, input), {
    idempotencyKey: `session:${input.sessionKey}`,
  })
  const opened = {
    ok: true as const,
    sessionId: session.id,
    orderId: input.orderId,
    amount: session.amount_total ?? input.amount,
    currency: input.currency,
  }
  return session.url ? { ...opened, url: session.url } : opened
}

async function refund(stripe: Stripe, input: RefundInput): Promise<ProviderResult<RefundReceipt>> {
  const created = await stripe.refunds.create(
    {
      payment_intent: input.paymentId,
      amount: input.amount,
      metadata: { reason: input.reason, ...(input.orderId ? { orderId: input.orderId } : {}) },
    },
    { idempotencyKey: `refund:${input.idempotencyKey}` },
  )
  if (created.status === 'failed' || created.status === 'canceled') {
    return providerFailure('INVALID_REQUEST', `stripe refund ${created.id} is ${created.status}`)
  }
  return { ok: true, refundId: created.id, status: 'succeeded' }
}

/** Succeeded payment intents and refunds created in the range: the provider's side of the books. */
async function statement(stripe: Stripe, range: StatementRange): Promise<StatementRow[]> {
  const created = { gte: Math.floor(range.from / 1000), lt: Math.ceil(range.to / 1000) }
  const rows: StatementRow[] = []
  for await (const pi of stripe.paymentIntents.list({ created, limit: 100 })) {
    const orderId = pi.metadata?.orderId
    if (pi.status !== 'succeeded' || !orderId) continue
    const currency = pi.currency.toUpperCase()
    const at = pi.created * 1000
    const ids = { sessionId: pi.id, paymentId: pi.id, orderId }
    rows.push({ id: pi.id, kind: 'payment', ...ids, amount: pi.amount_received, currency, at })
  }
  for await (const re of stripe.refunds.list({ created, limit: 100 })) {
    const paymentId =
      typeof re.payment_intent === 'string' ? re.payment_intent : re.payment_intent?.id
    const orderId = re.metadata?.orderId
    if (re.status !== 'succeeded' || !paymentId || !orderId) continue
    const at = re.created * 1000
    const currency = re.currency.toUpperCase()
    const ids = { sessionId: paymentId, paymentId, orderId }
    rows.push({ id: re.id, kind: 'refund', ...ids, amount: re.amount, currency, at })
  }
  return rows.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))
}

/** The Stripe provider: Checkout Sessions in, off-session PaymentIntents for renewals, Refunds out. */
export function stripePayments(options: StripeOptions, client?: Stripe): PaymentProvider {
  const stripe = client ?? stripeClient(options)
  return {
    openSession: (input) => guarded(() => openSession(stripe, options, input)),
    refund: (input) => guarded(() => refund(stripe, input)),
    statement: (range) => statement(stripe, range),
    chargeSaved: (input) => guarded(() => chargeSavedCard(stripe, input)),
  }
}
