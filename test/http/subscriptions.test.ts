import { env, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { subscriptionIdOf } from '../../durable-objects/subscription/client'
import { sandboxPayments } from '../../src/adapters/sandbox-payments'
import { isOrderId, orderIdKeyring } from '../../src/ids'
import { createSku, createStore } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { subscribe, subscriptionActorOf, tomorrow } from '../support/subscriptions'

async function plan() {
  const storeId = await createStore()
  const sku = await createSku({ storeId, price: 1800, stock: 10 })
  return { storeId, sku, lines: [{ skuId: sku, qty: 1 }] }
}

/** Whether the actor of an id has any storage at all: a refused create must leave none. */
async function actorTables(id: string): Promise<number> {
  return runInDurableObject(
    subscriptionActorOf(id),
    (_i, state) =>
      state.storage.sql
        .exec<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'")
        .one().n,
  )
}

describe('subscriptions over HTTP', () => {
  it('answers a retried create with the first subscription, and another body with 409', async () => {
    const { storeId, lines } = await plan()
    const buyer = uid('buyer')
    const key = uid('sub-key')
    const startAt = tomorrow()
    const first = await subscribe(buyer, { storeId, lines, pricePerCycle: 1800, key, startAt })
    const again = await subscribe(buyer, { storeId, lines, pricePerCycle: 1800, key, startAt })
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect(again.body.id).toBe(first.body.id)
    // Retried after the price moved: still the subscription it made, not a refusal.
    const admin = await token('admin', 'admin-1')
    const sku = lines[0]?.skuId ?? ''
    const price = { price: { amount: 1900, currency: 'CNY' } }
    expect(
      (await api('PATCH', `/v1/admin/skus/${sku}`, { token: admin, body: price })).status,
    ).toBe(200)
    const late = await subscribe(buyer, { storeId, lines, pricePerCycle: 1800, key, startAt })
    expect(late.status).toBe(201)
    expect(late.headers.get('Idempotent-Replayed')).toBe('true')
    expect(late.body.id).toBe(first.body.id)
    const other = await subscribe(buyer, { storeId, lines, pricePerCycle: 1900, key, cycles: 2 })
    expect(other.status).toBe(409)
    expect(other.body).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED' } })
  })

  it('refuses bad plans with a code and the field, writing nothing', async () => {
    const { storeId, sku, lines } = await plan()
    const buyer = uid('buyer')
    const period = await subscribe(buyer, { storeId, lines, pricePerCycle: 1800, period: 'P1H' })
    expect(period.status).toBe(400)
    expect(period.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } })
    expect(JSON.stringify(period.body)).toContain('json period: must be an ISO-8601 duration')
    const key = uid('sub-key')
    const price = await subscribe(buyer, { storeId, lines, pricePerCycle: 1700, key })
    expect(price.status).toBe(409)
    expect(price.body).toMatchObject({
      error: {
        code: 'PRICE_CHANGED',
        message: 'pricePerCycle: each cycle costs 18.00 CNY now, not 17.00 CNY',
      },
    })
    const otherStore = await subscribe(buyer, {
      storeId: await createStore(),
      lines,
      pricePerCycle: 1800,
    })
    expect(otherStore.status).toBe(422)
    expect(otherStore.body).toMatchObject({ error: { code: 'BUSINESS_RULE' } })
    expect(JSON.stringify(otherStore.body)).toContain(`lines.0.skuId: ${sku}`)
    const past = await subscribe(buyer, {
      storeId,
      lines,
      pricePerCycle: 1800,
      startAt: new Date(Date.now() - 3_600_000).toISOString(),
    })
    expect(past.status).toBe(400)
    expect(JSON.stringify(past.body)).toContain('json startAt: must not be in the past')
    const mine = await api<{ items: unknown[] }>('GET', '/v1/subscriptions', {
      token: await token('buyer', buyer),
    })
    expect(mine.body.items).toEqual([])
    expect(await actorTables(await subscriptionIdOf(env, buyer, key))).toBe(0)
  })

  it('shows a subscription to its buyer, its store and staff, and 404 to anyone else', async () => {
    const { storeId, lines } = await plan()
    const buyer = uid('buyer')
    const id = (await subscribe(buyer, { storeId, lines, pricePerCycle: 1800 })).body.id
    const read = async (t: string) =>
      (await api('GET', `/v1/subscriptions/${id}`, { token: t })).status
    expect(await read(await token('buyer', buyer))).toBe(200)
    expect(await read(await token('merchant', 'clerk', storeId))).toBe(200)
    expect(await read(await token('service', 'cs'))).toBe(200)
    expect(await read(await token('buyer', uid('buyer')))).toBe(404)
    expect(await read(await token('merchant', 'clerk', await createStore()))).toBe(404)
    const madeUp = await api('GET', `/v1/subscriptions/sub_${'a'.repeat(26)}`, {
      token: await token('admin', 'a'),
    })
    expect(madeUp.status).toBe(404)
    expect(madeUp.body).toMatchObject({ error: { code: 'NOT_FOUND' } })
    // The same MAC keys, messages of its own: a subscription id never passes for an order id.
    expect(await isOrderId(orderIdKeyring(env), `ord_${id.slice(4)}`)).toBe(false)
  })

  it('lists a buyer’s own subscriptions and an admin’s by status from D1', async () => {
    const { storeId, lines } = await plan()
    const buyer = uid('buyer')
    const a = (await subscribe(buyer, { storeId, lines, pricePerCycle: 1800, cycles: 4 })).body
    const b = (await subscribe(buyer, { storeId, lines, pricePerCycle: 1800, period: 30 })).body
    await subscribe(uid('buyer'), { storeId, lines, pricePerCycle: 1800 })
    await api('POST', `/v1/subscriptions/${a.id}/pause`, { token: await token('buyer', buyer) })
    const mine = await api<{ items: { id: string; status: string; period: string }[] }>(
      'GET',
      '/v1/subscriptions',
      { token: await token('buyer', buyer) },
    )
    expect(mine.body.items.map((s) => [s.id, s.status, s.period])).toEqual([
      [b.id, 'active', 'P30D'],
      [a.id, 'paused', 'P1W'],
    ])
    const paused = await api<{ items: { id: string; cycles: number | null }[] }>(
      'GET',
      '/v1/subscriptions?status=paused&limit=100',
      { token: await token('admin', 'a') },
    )
    expect(paused.body.items.find((s) => s.id === a.id)).toMatchObject({ cycles: 4 })
    expect(paused.body.items.some((s) => s.id === b.id)).toBe(false)
  })

  it('serves the subscription machine as JSON and Mermaid', async () => {
    const admin = await token('admin', 'a')
    const json = await api<{
      family: string
      states: string[]
      terminal: string[]
      transitions: { from: string; action: string; to: string; roles: string[] }[]
      timers: { state: string; kind: string; duration: string }[]
    }>('GET', '/v1/admin/processes/subscription', { token: admin })
    expect(json.status).toBe(200)
    expect(json.body.family).toBe('subscription')
    expect(json.body.states).toEqual([
      'active',
      'past_due',
      'paused',
      'suspended',
      'completed',
      'cancelled',
    ])
    expect(json.body.terminal).toEqual(['completed', 'cancelled'])
    expect(json.body.transitions).toContainEqual({
      from: 'past_due',
      action: 'suspend',
      to: 'suspended',
      roles: ['system'],
      guard: null,
    })
    expect(json.body.timers).toEqual([
      { state: 'active', kind: 'renewal', action: 'renew', duration: 'PLAN_PERIOD' },
      {
        state: 'past_due',
        kind: 'renewal_retry',
        action: 'renew',
        duration: 'SUBSCRIPTION_RETRY_SECONDS',
      },
    ])
    const mermaid = await api<string>('GET', '/v1/admin/processes/subscription?format=mermaid', {
      token: admin,
    })
    expect(mermaid.status).toBe(200)
    expect(mermaid.body).toContain('  [*] --> active')
    expect(mermaid.body).toContain('  active --> paused : pause')
    expect(mermaid.body).toContain('  past_due --> suspended : suspend')
    expect(mermaid.body).toContain(
      '  note right of past_due : renew after SUBSCRIPTION_RETRY_SECONDS',
    )
  })
})

describe('charging a saved payment method', () => {
  it('pays an open sandbox session once, and refuses an unknown method', async () => {
    const sandbox = sandboxPayments(env.DB, env.WEBHOOK_SECRET)
    const opened = await sandbox.openSession({
      sessionKey: uid('sk'),
      orderId: uid('ord'),
      amount: 1234,
      currency: 'CNY',
      description: 'renewal',
    })
    if (!opened.ok) throw new Error(opened.message)
    const session = { sessionId: opened.sessionId, orderId: opened.orderId, amount: 1234 }
    const input = { ...session, currency: 'CNY', paymentMethod: 'pm_sandbox_visa' }
    const first = await sandbox.chargeSaved(input)
    const again = await sandbox.chargeSaved(input)
    if (!first.ok || !again.ok) throw new Error('charge refused')
    expect(first.event.type).toBe('payment.succeeded')
    expect(first.event.data.amount).toBe(1234)
    expect(again.event.id).toBe(first.event.id)
    const bad = await sandbox.chargeSaved({ ...input, paymentMethod: 'card' })
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_REQUEST' })
  })
})
