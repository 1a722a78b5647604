import { env } from 'cloudflare:test'
import Stripe from 'stripe'
import { describe, expect, it } from 'vitest'
import { sign } from '../../src/adapters/webhook-signature'
import { createSku, createStore } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { type OrderBody, placeOrder } from '../support/orders'

// Runs with the variables wrangler.toml deploys and only the secrets production must set
// (JWT_SECRET, ORDER_ID_KEY): no PAYMENT_PROVIDER, no .dev.vars.

type ErrorBody = { error: { code: string } }

// The secrets a local checkout or the benches use: a forger knows them.
const knownSecrets = [
  'whsec_ZGV2LXNhbmRib3gtd2ViaG9vay1zZWNyZXQta2V5ISE=',
  'whsec_YmFycy13ZWJob29rLXNlY3JldA==',
]

async function unpaidOrder() {
  const storeId = await createStore()
  const sku = await createSku({ storeId, price: 5000 })
  const buyer = uid('buyer')
  const placed = await placeOrder(buyer, [{ skuId: sku, qty: 1 }])
  expect(placed.status).toBe(201)
  return { buyer, id: placed.body.id }
}

function forgedEvent(orderId: string) {
  return {
    id: `evt_${crypto.randomUUID().replaceAll('-', '')}`,
    type: 'payment.succeeded',
    created: Math.floor(Date.now() / 1000),
    data: {
      sessionId: 'cs_forged',
      paymentId: 'pay_forged',
      orderId,
      amount: 5000,
      currency: 'CNY',
    },
  }
}

describe('a deployment without PAYMENT_PROVIDER', () => {
  it('is configured as wrangler.toml deploys it', () => {
    expect(env.PAYMENT_PROVIDER).toBeUndefined()
    expect(env.WEBHOOK_SECRET).toBeUndefined()
  })

  it('gives a buyer no request that marks an order paid', async () => {
    const { buyer, id } = await unpaidOrder()
    const buyerToken = await token('buyer', buyer)

    const pay = await api<ErrorBody>('POST', `/v1/orders/${id}/pay`, { token: buyerToken })
    expect([pay.status, pay.body.error.code]).toEqual([404, 'NOT_FOUND'])
    const anonymousPay = await api<ErrorBody>('POST', `/v1/orders/${id}/pay`)
    expect(anonymousPay.status).toBe(404)

    const session = await api<ErrorBody>('POST', `/v1/orders/${id}/payments`, {
      token: buyerToken,
    })
    expect([session.status, session.body.error.code]).toEqual([
      503,
      'PAYMENT_PROVIDER_NOT_CONFIGURED',
    ])

    const complete = await api<ErrorBody>('POST', '/v1/sandbox/payments/cs_guess/complete', {
      token: buyerToken,
      body: { amount: 1 },
    })
    expect(complete.status).toBe(404)

    for (const secret of knownSecrets) {
      const event = forgedEvent(id)
      const body = JSON.stringify(event)
      const headers = await sign(secret, event.id, event.created, body)
      const hook = await api<ErrorBody>('POST', '/v1/payments/webhook', {
        rawBody: body,
        headers: { ...headers, 'Content-Type': 'application/json' },
      })
      expect(hook.status).toBe(404)
    }

    const stripeBody = JSON.stringify({
      id: 'evt_forged',
      object: 'event',
      type: 'checkout.session.completed',
      data: { object: { id: 'cs_forged', metadata: { orderId: id } } },
    })
    const signature = await Stripe.webhooks.generateTestHeaderStringAsync({
      payload: stripeBody,
      secret: 'whsec_guessed0123456789',
      cryptoProvider: Stripe.createSubtleCryptoProvider(),
    })
    const stripeHook = await api('POST', '/v1/payments/stripe/webhook', {
      rawBody: stripeBody,
      headers: { 'Stripe-Signature': signature, 'Content-Type': 'application/json' },
    })
    expect(stripeHook.status).toBe(404)

    const after = await api<OrderBody>('GET', `/v1/orders/${id}`, { token: buyerToken })
    expect(after.body.status).toBe('pending_payment')
    expect(after.body.amounts.paid.amount).toBe(0)
    const booked = await env.DB.prepare(
      'SELECT COUNT(*) AS n FROM payments_ledger WHERE order_id = ?1',
    )
      .bind(id)
      .first<number>('n')
    expect(booked).toBe(0)
  })

  it('still lets a buyer place, read and cancel orders', async () => {
    const { buyer, id } = await unpaidOrder()
    const cancelled = await api<OrderBody>('POST', `/v1/orders/${id}/cancel`, {
      token: await token('buyer', buyer),
    })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('cancelled')
  })
})
