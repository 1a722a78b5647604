import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { sign } from '../../src/adapters/webhook-signature'
import { createSku, createStore } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { elapse, placeOrder, readOrder, settle } from '../support/orders'
import { webhookSecret } from '../support/webhooks'

interface Session {
  sessionId: string
  stage: string
  attempt: number
  amount: { amount: number; currency: string }
}
interface Delivery {
  eventId: string
  orderId: string
  outcome: string
}
type ErrorBody = { error: { code: string } }

async function order(price = 5000, extra: Parameters<typeof createSku>[0] | object = {}) {
  const storeId = await createStore()
  const sku = await createSku({ storeId, price, ...extra })
  const buyer = uid('buyer')
  const placed = await placeOrder(buyer, [{ skuId: sku, qty: 1 }])
  return { buyer, id: placed.body.id, status: placed.body.status }
}

async function openSession(id: string, buyer: string) {
  const res = await api<Session>('POST', `/v1/orders/${id}/payments`, {
    token: await token('buyer', buyer),
  })
  expect(res.status).toBe(201)
  return res.body
}

async function complete(sessionId: string, buyer: string, body: object = {}) {
  const res = await api<Delivery>('POST', `/v1/sandbox/payments/${sessionId}/complete`, {
    token: await token('buyer', buyer),
    body,
  })
  expect(res.status).toBe(200)
  return res.body
}

async function ledger(orderId: string) {
  await settle(orderId)
  const { results } = await env.DB.prepare(
    'SELECT kind, amount, note FROM payments_ledger WHERE order_id = ? ORDER BY at, kind',
  )
    .bind(orderId)
    .all<{ kind: string; amount: number; note: string | null }>()
  return results
}

async function paymentOf(sessionId: string): Promise<string> {
  const id = await env.DB.prepare('SELECT payment_id FROM sandbox_sessions WHERE id = ?1')
    .bind(sessionId)
    .first<string>('payment_id')
  if (!id) throw new Error(`session ${sessionId} is not paid`)
  return id
}

async function held(status = 'held') {
  const res = await api<{ items: { paymentId: string; status: string; expected: object }[] }>(
    'GET',
    `/v1/admin/payments/held?status=${status}&limit=200`,
    { token: await token('service', 'cs-1') },
  )
  expect(res.status).toBe(200)
  return res.body.items
}

async function settleHeld(paymentId: string, decision: 'refund' | 'accept', role = 'service') {
  return api<{ outcome: string } & ErrorBody>(
    'POST',
    `/v1/admin/payments/${paymentId}/${decision}`,
    { token: await token(role as 'service' | 'admin', `${role}-1`) },
  )
}

describe('payment sessions by stage and attempt', () => {
  it('takes a presale whose deposit equals its balance: two sessions, both paid', async () => {
    const presale = {
      orderType: 'presale',
      presaleDepositAmount: 5000,
      presaleBalanceStartsAt: new Date(Date.now() - 60_000).toISOString(),
    }
    const { buyer, id, status } = await order(10000, presale)
    expect(status).toBe('pending_deposit')
    const deposit = await openSession(id, buyer)
    expect(deposit).toMatchObject({ stage: 'deposit', attempt: 1, amount: { amount: 5000 } })
    expect((await complete(deposit.sessionId, buyer)).outcome).toBe('paid')
    const balance = await openSession(id, buyer)
    expect(balance).toMatchObject({ stage: 'balance', attempt: 1, amount: { amount: 5000 } })
    expect(balance.sessionId).not.toBe(deposit.sessionId)
    expect((await complete(balance.sessionId, buyer)).outcome).toBe('paid')
    const paid = await readOrder(id)
    expect(paid.status).toBe('pending_shipment')
    expect(paid.amounts.paid.amount).toBe(10000)
    expect((await ledger(id)).map((r) => [r.kind, r.amount])).toEqual([
      ['payment', 5000],
      ['payment', 5000],
    ])
  })

  it('takes no more than ten declined attempts: the eleventh session is refused with 429', async () => {
    const { buyer, id } = await order()
    for (let attempt = 1; attempt <= 10; attempt++) {
      const session = await openSession(id, buyer)
      expect(session).toMatchObject({ attempt })
      expect((await complete(session.sessionId, buyer, { fail: true })).outcome).toBe('recorded')
    }
    const refused = await api<ErrorBody>('POST', `/v1/orders/${id}/payments`, {
      token: await token('buyer', buyer),
    })
    expect(refused.status).toBe(429)
    expect(refused.body.error.code).toBe('RATE_LIMITED')
    expect((await readOrder(id)).status).toBe('pending_payment')
  })

  it('gives the same session when asked twice, and a fresh one after a declined attempt', async () => {
    const { buyer, id } = await order()
    const first = await openSession(id, buyer)
    expect((await openSession(id, buyer)).sessionId).toBe(first.sessionId)
    expect((await complete(first.sessionId, buyer, { fail: true })).outcome).toBe('recorded')
    const second = await openSession(id, buyer)
    expect(second).toMatchObject({ stage: 'full', attempt: 2 })
    expect(second.sessionId).not.toBe(first.sessionId)
    expect((await complete(second.sessionId, buyer)).outcome).toBe('paid')
    expect((await readOrder(id)).status).toBe('pending_shipment')
  })
})

describe('the same payment under a new event id', () => {
  it('is a duplicate, not a second payment to refund', async () => {
    const { buyer, id } = await order()
    const session = await openSession(id, buyer)
    await complete(session.sessionId, buyer)
    const paymentId = await paymentOf(session.sessionId)
    const again = {
      id: `evt_${crypto.randomUUID().replaceAll('-', '')}`,
      type: 'payment.succeeded',
      created: Math.floor(Date.now() / 1000),
      data: { sessionId: session.sessionId, paymentId, orderId: id, amount: 5000, currency: 'CNY' },
    }
    const body = JSON.stringify(again)
    const headers = await sign(webhookSecret, again.id, again.created, body)
    const res = await api<Delivery>('POST', '/v1/payments/webhook', {
      rawBody: body,
      headers: { ...headers, 'Content-Type': 'application/json' },
    })
    expect(res.status).toBe(200)
    expect(res.body.outcome).toBe('duplicate:paid')
    expect((await readOrder(id)).amounts.paid.amount).toBe(5000)
    expect((await ledger(id)).map((r) => [r.kind, r.amount])).toEqual([['payment', 5000]])
  })
})

describe('held payments', () => {
  it('lets the buyer pay correctly after a mismatch, and customer service refund the held money', async () => {
    const { buyer, id } = await order()
    const first = await openSession(id, buyer)
    expect((await complete(first.sessionId, buyer, { amount: 4000 })).outcome).toBe(
      'held_for_review',
    )
    const heldId = await paymentOf(first.sessionId)
    await settle(id)
    const listed = (await held()).find((h) => h.paymentId === heldId)
    expect(listed).toMatchObject({ status: 'held', expected: { amount: 5000, currency: 'CNY' } })
    const buyerList = await api('GET', '/v1/admin/payments/held', {
      token: await token('buyer', buyer),
    })
    expect(buyerList.status).toBe(403)

    const second = await openSession(id, buyer)
    expect(second).toMatchObject({ attempt: 2, amount: { amount: 5000 } })
    expect((await complete(second.sessionId, buyer)).outcome).toBe('paid')

    const refunded = await settleHeld(heldId, 'refund')
    expect(refunded.status).toBe(200)
    expect(refunded.body.outcome).toBe('refunding')
    expect((await ledger(id)).map((r) => [r.kind, r.amount])).toEqual([
      ['payment_mismatch', 4000],
      ['payment', 5000],
      ['late_payment_refund', 4000],
    ])
    expect((await held('refunded')).map((h) => h.paymentId)).toContain(heldId)
    const twice = await settleHeld(heldId, 'refund')
    expect(twice.status).toBe(409)
    expect(twice.body.error.code).toBe('HELD_PAYMENT_SETTLED')
    expect((await readOrder(id)).amounts.paid.amount).toBe(5000)
  })

  it('refunds held money automatically when the unpaid order expires', async () => {
    const { buyer, id } = await order()
    const session = await openSession(id, buyer)
    await complete(session.sessionId, buyer, { amount: 7000 })
    const heldId = await paymentOf(session.sessionId)
    expect(await elapse(id)).toBe(true)
    expect((await readOrder(id)).status).toBe('cancelled')
    const rows = await ledger(id)
    expect(rows.map((r) => [r.kind, r.amount, r.note])).toEqual([
      ['payment_mismatch', 7000, 'PAYMENT_MISMATCH: got 70.00 CNY, owed 50.00 CNY'],
      ['late_payment_refund', 7000, 'HELD_PAYMENT_ORDER_ENDED'],
    ])
    expect((await held('refunded')).map((h) => h.paymentId)).toContain(heldId)
  })

  it('accepts an overpayment as the payment and refunds what was paid too much', async () => {
    const { buyer, id } = await order()
    const session = await openSession(id, buyer)
    await complete(session.sessionId, buyer, { amount: 6000 })
    const heldId = await paymentOf(session.sessionId)
    await settle(id)
    const accepted = await settleHeld(heldId, 'accept', 'admin')
    expect(accepted.status).toBe(200)
    expect(accepted.body.outcome).toBe('paid')
    const paid = await readOrder(id)
    expect(paid.status).toBe('pending_shipment')
    expect(paid.amounts.paid.amount).toBe(5000)
    expect(paid.reviewReason).toBeNull()
    expect((await ledger(id)).map((r) => [r.kind, r.amount])).toEqual([
      ['payment_mismatch', 6000],
      ['payment', 5000],
      ['late_payment_refund', 1000],
    ])
    expect((await held('accepted')).map((h) => h.paymentId)).toContain(heldId)
  })

  it('refuses to accept an underpayment with 422 and leaves it held', async () => {
    const { buyer, id } = await order()
    const session = await openSession(id, buyer)
    await complete(session.sessionId, buyer, { amount: 100 })
    const heldId = await paymentOf(session.sessionId)
    await settle(id)
    const refused = await settleHeld(heldId, 'accept')
    expect(refused.status).toBe(422)
    expect(refused.body.error.code).toBe('HELD_PAYMENT_SHORT')
    expect((await held()).map((h) => h.paymentId)).toContain(heldId)
    expect((await readOrder(id)).status).toBe('pending_payment')
  })
})
