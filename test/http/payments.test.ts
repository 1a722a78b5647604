import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { sandboxPayments } from '../../src/adapters/sandbox-payments'
import { sign } from '../../src/adapters/webhook-signature'
import { createSku, createStore } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { placeOrder, readOrder, settle } from '../support/orders'
import { webhookSecret } from '../support/webhooks'

interface Delivery {
  eventId: string
  orderId: string
  outcome: string
}

async function unpaidOrder(price = 2500, qty = 2) {
  const storeId = await createStore()
  const sku = await createSku({ storeId, price })
  const buyer = uid('buyer')
  const placed = await placeOrder(buyer, [{ skuId: sku, qty }])
  return { buyer, id: placed.body.id, storeId }
}

async function openSession(orderId: string, buyer: string) {
  const res = await api<{ sessionId: string; amount: { amount: number } }>(
    'POST',
    `/v1/orders/${orderId}/payments`,
    { token: await token('buyer', buyer) },
  )
  expect(res.status).toBe(201)
  return res.body
}

async function complete(sessionId: string, buyer: string, body: Record<string, unknown> = {}) {
  return api<Delivery>('POST', `/v1/sandbox/payments/${sessionId}/complete`, {
    token: await token('buyer', buyer),
    body,
  })
}

function event(
  orderId: string,
  type: string,
  amount: number,
  ids = { sessionId: uid('cs'), paymentId: uid('pay') },
) {
  return {
    id: `evt_${uid('e').replaceAll('-', '')}`,
    type,
    created: Math.floor(Date.now() / 1000),
    data: { ...ids, orderId, amount, currency: 'CNY' },
  }
}

async function deliver(body: unknown, opts: { secret?: string; at?: number } = {}) {
  const raw = JSON.stringify(body)
  const id = (body as { id: string }).id
  const at = opts.at ?? Math.floor(Date.now() / 1000)
  const headers = await sign(opts.secret ?? webhookSecret, id, at, raw)
  return api<Delivery>('POST', '/v1/payments/webhook', {
    rawBody: raw,
    headers: { ...headers, 'Content-Type': 'application/json' },
  })
}

async function ledger(orderId: string) {
  await settle(orderId)
  const { results } = await env.DB.prepare(
    'SELECT kind, amount, status FROM payments_ledger WHERE order_id = ? ORDER BY at, kind',
  )
    .bind(orderId)
    .all()
  return results
}

describe('payments through the provider', () => {
  it('opens a session for what is owed and pays the order when the sandbox completes it', async () => {
    const { buyer, id } = await unpaidOrder()
    const session = await openSession(id, buyer)
    expect(session.amount.amount).toBe(5000)
    expect((await openSession(id, buyer)).sessionId).toBe(session.sessionId)
    const done = await complete(session.sessionId, buyer)
    expect(done.body.outcome).toBe('paid')
    const order = await readOrder(id)
    expect(order.status).toBe('pending_shipment')
    expect(order.amounts.paid.amount).toBe(5000)
    expect(await ledger(id)).toEqual([{ kind: 'payment', amount: 5000, status: 'succeeded' }])
  })

  it('pays once when the same webhook arrives ten times at once', async () => {
    const { id } = await unpaidOrder()
    const body = event(id, 'payment.succeeded', 5000)
    const answers = await Promise.all(Array.from({ length: 10 }, () => deliver(body)))
    expect(answers.every((a) => a.status === 200)).toBe(true)
    const outcomes = answers.map((a) => a.body.outcome).sort()
    expect(outcomes).toEqual(['duplicate:paid', ...Array(8).fill('duplicate:paid'), 'paid'].sort())
    expect((await readOrder(id)).amounts.paid.amount).toBe(5000)
    expect(await ledger(id)).toEqual([{ kind: 'payment', amount: 5000, status: 'succeeded' }])
  })

  it('refuses a bad signature or a stale timestamp with 401 and changes nothing', async () => {
    const { id } = await unpaidOrder()
    const forged = await deliver(event(id, 'payment.succeeded', 5000), {
      secret: 'whsec_d3Jvbmctc2VjcmV0LWZvci10ZXN0aW5nIQ==',
    })
    expect(forged.status).toBe(401)
    expect((forged.body as unknown as { error: { code: string } }).error.code).toBe(
      'WEBHOOK_REJECTED',
    )
    const stale = await deliver(event(id, 'payment.succeeded', 5000), {
      at: Math.floor(Date.now() / 1000) - 600,
    })
    expect(stale.status).toBe(401)
    const unsigned = await api('POST', '/v1/payments/webhook', {
      body: event(id, 'payment.succeeded', 5000),
    })
    expect(unsigned.status).toBe(401)
    const order = await readOrder(id)
    expect(order.status).toBe('pending_payment')
    expect(await ledger(id)).toEqual([])
  })

  it('holds a payment of the wrong amount for review and does not mark the order paid', async () => {
    const { buyer, id } = await unpaidOrder()
    const session = await openSession(id, buyer)
    const done = await complete(session.sessionId, buyer, { amount: 4999 })
    expect(done.body.outcome).toBe('held_for_review')
    const order = await readOrder(id)
    expect(order.status).toBe('pending_payment')
    expect(order.amounts.paid.amount).toBe(0)
    expect(order.reviewReason).toBe('PAYMENT_MISMATCH: got 49.99 CNY, owed 50.00 CNY')
    expect(await ledger(id)).toEqual([
      { kind: 'payment_mismatch', amount: 4999, status: 'succeeded' },
    ])
  })

  it('refunds a payment that arrives after the order was cancelled, and books both movements', async () => {
    const { buyer, id } = await unpaidOrder()
    const session = await openSession(id, buyer)
    await api('POST', `/v1/orders/${id}/cancel`, { token: await token('buyer', buyer) })
    const done = await complete(session.sessionId, buyer)
    expect(done.body.outcome).toBe('refunded')
    expect(await ledger(id)).toEqual([
      { kind: 'late_payment', amount: 5000, status: 'succeeded' },
      { kind: 'late_payment_refund', amount: 5000, status: 'succeeded' },
    ])
    const { results } = await env.DB.prepare(
      'SELECT kind, amount FROM sandbox_statement WHERE order_id = ? ORDER BY kind',
    )
      .bind(id)
      .all()
    expect(results).toEqual([
      { kind: 'payment', amount: 5000 },
      { kind: 'refund', amount: 5000 },
    ])
    const order = await readOrder(id)
    expect(order.status).toBe('cancelled')
    expect(order.amounts.paid.amount).toBe(0)
  })

  it('refunds a second payment of an order already paid', async () => {
    const { buyer, id } = await unpaidOrder()
    await complete((await openSession(id, buyer)).sessionId, buyer)
    // The buyer paid twice at the provider (two sessions, say, from two devices).
    const provider = sandboxPayments(env.DB, webhookSecret)
    const second = await provider.openSession({
      sessionKey: uid('second'),
      orderId: id,
      amount: 5000,
      currency: 'CNY',
      description: 'second device',
    })
    if (!second.ok) throw new Error(second.message)
    const again = await complete(second.sessionId, buyer)
    expect(again.body.outcome).toBe('refunded')
    expect((await readOrder(id)).amounts.paid.amount).toBe(5000)
    const kinds = (await ledger(id)).map((r) => r.kind)
    expect(kinds).toEqual(['payment', 'late_payment', 'late_payment_refund'])
  })

  it('keeps a paid order paid when a failure event arrives late, and pays after an earlier failure', async () => {
    const first = await unpaidOrder()
    const ids = { sessionId: uid('cs'), paymentId: uid('pay') }
    await deliver(event(first.id, 'payment.succeeded', 5000, ids))
    expect((await deliver(event(first.id, 'payment.failed', 5000, ids))).body.outcome).toBe(
      'recorded',
    )
    expect((await readOrder(first.id)).status).toBe('pending_shipment')

    const second = await unpaidOrder()
    expect((await deliver(event(second.id, 'payment.failed', 5000))).body.outcome).toBe('recorded')
    expect((await deliver(event(second.id, 'payment.succeeded', 5000))).body.outcome).toBe('paid')
    expect((await readOrder(second.id)).status).toBe('pending_shipment')
  })

  it('answers a webhook for an unknown order with 404', async () => {
    const res = await deliver(event('ord_aaaaaaaaaaaaaaaaaaaaaaaaaa', 'payment.succeeded', 100))
    expect(res.status).toBe(404)
  })
})
