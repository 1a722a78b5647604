import { env } from 'cloudflare:test'
import Stripe from 'stripe'
import { describe, expect, it, vi } from 'vitest'
import type { Env } from '../../src/env'
import { createSku, createStore } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { type OrderBody, orderActor, placeOrder, settle } from '../support/orders'

// The Worker as a Stripe deployment sees it: the same bindings with PAYMENT_PROVIDER=stripe and
// its secrets. Events are signed by the Stripe library's own test-header helper.

const webhookSecret = 'whsec_stripetestsecret0123456789'
const stripeEnv: Env = {
  ...env,
  PAYMENT_PROVIDER: 'stripe',
  STRIPE_SECRET_KEY: 'sk_test_standin0123456789',
  STRIPE_WEBHOOK_SECRET: webhookSecret,
  PAYMENT_RETURN_URL: 'https://shop.example/orders/{ORDER_ID}',
}
const cryptoProvider = Stripe.createSubtleCryptoProvider()

interface Answer {
  status: number
  body: {
    eventId?: string
    applied?: { orderId: string; outcome: string }[]
    error?: { code: string; details?: { reason: string } }
  }
}

async function post(payload: string, signature?: string, to: Env = stripeEnv): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (signature) headers['Stripe-Signature'] = signature
  const path = '/v1/payments/stripe/webhook'
  return api<Answer['body']>('POST', path, { rawBody: payload, headers, env: to })
}

function signed(payload: string, opts: { secret?: string; timestamp?: number } = {}) {
  return Stripe.webhooks.generateTestHeaderStringAsync({
    payload,
    secret: opts.secret ?? webhookSecret,
    cryptoProvider,
    ...(opts.timestamp === undefined ? {} : { timestamp: opts.timestamp }),
  })
}

function event(
  type: string,
  object: Record<string, unknown>,
  id = uid('evt').replaceAll('-', '_'),
) {
  return JSON.stringify({
    id: `evt_${id}`,
    object: 'event',
    api_version: '2026-01-01',
    created: Math.floor(Date.now() / 1000),
    type,
    data: { object },
  })
}

function checkoutCompleted(orderId: string, paymentIntent: string, amount = 5000) {
  return {
    id: `cs_test_${uid('s').replaceAll('-', '')}`,
    object: 'checkout.session',
    payment_status: 'paid',
    payment_intent: paymentIntent,
    amount_total: amount,
    currency: 'cny',
    client_reference_id: orderId,
    metadata: { orderId },
  }
}

async function unpaidOrder() {
  const storeId = await createStore()
  const sku = await createSku({ storeId, price: 5000 })
  const buyer = uid('buyer')
  return (await placeOrder(buyer, [{ skuId: sku, qty: 1 }])).body.id
}

async function orderOf(id: string) {
  return (await orderActor(id).read({ role: 'service', id: 'cs' })) as unknown as {
    order: OrderBody
  }
}

async function ledger(orderId: string) {
  await settle(orderId)
  const { results } = await env.DB.prepare(
    'SELECT kind, provider_ref, amount FROM payments_ledger WHERE order_id = ? ORDER BY at, kind',
  )
    .bind(orderId)
    .all<{ kind: string; provider_ref: string; amount: number }>()
  return results
}

describe('the Stripe webhook', () => {
  it('pays the order on checkout.session.completed, once however often it is replayed', async () => {
    const id = await unpaidOrder()
    const pi = `pi_${uid('p').replaceAll('-', '')}`
    const payload = event('checkout.session.completed', checkoutCompleted(id, pi))
    const header = await signed(payload)
    const first = await post(payload, header)
    expect(first.status).toBe(200)
    expect(first.body.applied).toEqual([expect.objectContaining({ orderId: id, outcome: 'paid' })])
    const replayed = await post(payload, header)
    expect(replayed.status).toBe(200)
    expect(replayed.body.applied?.[0]?.outcome).toBe('duplicate:paid')
    // The same payment intent announced by another event is the same money.
    const async = event('checkout.session.async_payment_succeeded', checkoutCompleted(id, pi))
    const again = await post(async, await signed(async))
    expect(again.body.applied?.[0]?.outcome).toBe('duplicate:paid')
    const { order } = await orderOf(id)
    expect(order.status).toBe('pending_shipment')
    expect(order.amounts.paid.amount).toBe(5000)
    expect(await ledger(id)).toEqual([{ kind: 'payment', provider_ref: pi, amount: 5000 }])
  })

  it('refuses a bad signature, a tampered body, a stale timestamp and no header with 401', async () => {
    const id = await unpaidOrder()
    const payload = event('checkout.session.completed', checkoutCompleted(id, 'pi_forged'))
    const cases: [string, string | undefined, string][] = [
      [payload, await signed(payload, { secret: 'whsec_someoneelse0123456789' }), 'BAD_SIGNATURE'],
      [payload.replace('5000', '1'), await signed(payload), 'BAD_SIGNATURE'],
      [
        payload,
        await signed(payload, { timestamp: Math.floor(Date.now() / 1000) - 600 }),
        'STALE_TIMESTAMP',
      ],
      [payload, undefined, 'MISSING_HEADERS'],
    ]
    for (const [body, header, reason] of cases) {
      const res = await post(body, header)
      expect(res.status).toBe(401)
      expect(res.body.error).toMatchObject({ code: 'WEBHOOK_REJECTED', details: { reason } })
    }
    const { order } = await orderOf(id)
    expect(order.status).toBe('pending_payment')
    expect(await ledger(id)).toEqual([])
  })

  it('records a failed payment, and the next session is a fresh attempt', async () => {
    const id = await unpaidOrder()
    const pi = { id: 'pi_failed1', object: 'payment_intent', amount: 5000, currency: 'cny' }
    const payload = event('payment_intent.payment_failed', { ...pi, metadata: { orderId: id } })
    const res = await post(payload, await signed(payload))
    expect(res.body.applied?.[0]?.outcome).toBe('recorded')
    const asService = await orderActor(id).paymentDue({ role: 'service', id: 'cs' })
    expect(asService).toMatchObject({ ok: true, stage: 'full', attempt: 2, amount: 5000 })
  })

  it('confirms each refund of charge.refunded once, across later deliveries', async () => {
    const id = await unpaidOrder()
    const refund = (n: number) => ({
      id: `re_${id.slice(4, 14)}${n}`,
      object: 'refund',
      status: 'succeeded',
      amount: 100 * n,
      currency: 'cny',
      created: Math.floor(Date.now() / 1000),
      metadata: { orderId: id },
    })
    const charge = (n: number) => ({
      id: 'ch_1',
      object: 'charge',
      payment_intent: 'pi_refunded',
      metadata: {},
      refunds: { object: 'list', data: Array.from({ length: n }, (_, i) => refund(i + 1)) },
    })
    const one = event('charge.refunded', charge(1))
    const first = await post(one, await signed(one))
    expect(first.body.applied?.map((a) => a.outcome)).toEqual(['recorded'])
    const two = event('charge.refunded', charge(2))
    const second = await post(two, await signed(two))
    expect(second.body.applied?.map((a) => a.outcome)).toEqual(['duplicate:recorded', 'recorded'])
  })

  it('acknowledges events of other types and of orders that are not ours, changing nothing', async () => {
    const other = event('customer.created', { id: 'cus_1', object: 'customer' })
    expect((await post(other, await signed(other))).body.applied).toEqual([])
    const foreign = event('checkout.session.completed', checkoutCompleted('ord_notours', 'pi_x'))
    const res = await post(foreign, await signed(foreign))
    expect([res.status, res.body.applied]).toEqual([200, []])
  })

  it('answers 404 where Stripe is not the configured provider', async () => {
    const payload = event('customer.created', { id: 'cus_1', object: 'customer' })
    const res = await post(payload, await signed(payload), env)
    expect(res.status).toBe(404)
  })

  it('answers 503 naming the problem when a Stripe secret is malformed', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const broken = { ...stripeEnv, STRIPE_WEBHOOK_SECRET: 'not-a-secret' }
    const payload = event('customer.created', { id: 'cus_1', object: 'customer' })
    const res = await post(payload, await signed(payload), broken)
    expect(res.status).toBe(503)
    expect(res.body.error).toMatchObject({
      code: 'SERVER_MISCONFIGURED',
      details: { problem: 'STRIPE_WEBHOOK_SECRET_INVALID' },
    })
    const session = await api('POST', `/v1/orders/${await unpaidOrder()}/payments`, {
      token: await token('service', 'cs'),
      env: broken,
    })
    expect(session.status).toBe(503)
    // One log line per problem per isolate, naming the problem and never the secret.
    expect(logged.mock.calls.map((c) => JSON.parse(String(c[0])))).toEqual([
      {
        level: 'error',
        event: 'config_invalid',
        problem: 'STRIPE_WEBHOOK_SECRET_INVALID',
        message: 'STRIPE_WEBHOOK_SECRET must be a whsec_ secret',
      },
    ])
    logged.mockRestore()
  })
})
