import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { orderIdFor, orderIdKeyring } from '../../src/ids'
import { createSku, createStore, defaultWarehouse, stockCounts } from '../support/catalog'
import { admin, couponTemplate, issue } from '../support/checkout'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { elapse, orderActor, place, settle } from '../support/orders'

interface Setup {
  buyer: string
  coupon: string
  skus: string[]
}

async function setup(): Promise<Setup> {
  const storeId = await createStore()
  const skus = [
    await createSku({ storeId, price: 6000, stock: 5 }),
    await createSku({ storeId, price: 4000, stock: 5, buckets: 2 }),
  ]
  await admin('PUT', '/v1/admin/points-policy', {
    rate: { points: 1, minorUnits: 1 },
    maxShareBps: 10000,
    maxPointsPerOrder: null,
  })
  const buyer = uid('buyer')
  await admin('POST', `/v1/admin/members/${buyer}/points`, { points: 500, reason: 'faults' })
  const coupon = await issue(
    await couponTemplate({
      scope: { storeIds: [storeId] },
      benefit: { kind: 'amount_off', amountOff: { amount: 1000, currency: 'CNY' } },
    }),
    buyer,
  )
  return { buyer, coupon, skus }
}

/** The setup's cart, paying 200 points of it. */
function placeCart(s: Setup, key: string) {
  const lines = s.skus.map((skuId) => ({ skuId, qty: 1 }))
  return place<{ id: string; status: string; error?: { code: string } }>(
    s.buyer,
    { lines, points: 200 },
    key,
  )
}

async function wallet(s: Setup) {
  const coupons = await api<{ items: { id: string; status: string }[] }>('GET', '/v1/coupons', {
    token: await token('buyer', s.buyer),
  })
  const member = await admin('GET', `/v1/admin/members/${s.buyer}`)
  return {
    coupons: coupons.body.items.map((c) => [c.id, c.status]),
    points: member.body.pointsBalance,
  }
}

async function untouched(s: Setup) {
  for (const sku of s.skus)
    expect(await stockCounts(sku)).toEqual({ received: 5, available: 5, reserved: 0, sold: 0 })
  expect(await wallet(s)).toEqual({ coupons: [[s.coupon, 'available']], points: 500 })
}

const steps = ['after_stock', 'after_wallet', 'before_order'] as const

describe('an order actor that dies mid-placement', () => {
  for (const step of steps) {
    it(`gives everything back by its alarm when it dies ${step.replace('_', ' ')}`, async () => {
      const s = await setup()
      const key = uid('key')
      const orderId = await orderIdFor(orderIdKeyring(env), s.buyer, key)
      expect((await orderActor(orderId).armFault(step)).ok).toBe(true)
      const crashed = await placeCart(s, key)
      expect(crashed.status).toBe(503)
      expect(crashed.body.error?.code).toBe('UNAVAILABLE')
      await elapse(orderId, ['placement_timeout'])
      await untouched(s)
      const gone = await api('GET', `/v1/orders/${orderId}`, {
        token: await token('buyer', s.buyer),
      })
      expect(gone.status).toBe(404)
    })

    it(`is placed whole by a retry with the same key after dying ${step.replace('_', ' ')}`, async () => {
      const s = await setup()
      const key = uid('key')
      const orderId = await orderIdFor(orderIdKeyring(env), s.buyer, key)
      await orderActor(orderId).armFault(step)
      expect((await placeCart(s, key)).status).toBe(503)
      const retried = await placeCart(s, key)
      expect(retried.status).toBe(201)
      expect(retried.body.id).toBe(orderId)
      for (const sku of s.skus)
        expect(await stockCounts(sku)).toEqual({ received: 5, available: 4, reserved: 1, sold: 0 })
      expect(await wallet(s)).toEqual({ coupons: [[s.coupon, 'locked']], points: 300 })
      await api('POST', `/v1/orders/${orderId}/cancel`, { token: await token('buyer', s.buyer) })
      await settle(orderId)
      await untouched(s)
    })
  }
})

describe('a stock actor that throws during placement', () => {
  it('answers 503, and a retry with the same key resumes the placement', async () => {
    const s = await setup()
    const warehouse = await defaultWarehouse()
    const sick = env.STOCK_ACTOR.get(env.STOCK_ACTOR.idFromName(`${s.skus[1]}:${warehouse}:0`))
    const other = env.STOCK_ACTOR.get(env.STOCK_ACTOR.idFromName(`${s.skus[1]}:${warehouse}:1`))
    await sick.failNext(1)
    await other.failNext(1)
    const key = uid('key')
    const refused = await placeCart(s, key)
    expect(refused.status).toBe(503)
    const retried = await placeCart(s, key)
    expect(retried.status).toBe(201)
    for (const sku of s.skus) expect((await stockCounts(sku)).reserved).toBe(1)
  })

  it('gives back at once what the other lines took, and wakes no order actor', async () => {
    const s = await setup()
    const warehouse = await defaultWarehouse()
    for (const b of [0, 1]) {
      await env.STOCK_ACTOR.get(
        env.STOCK_ACTOR.idFromName(`${s.skus[1]}:${warehouse}:${b}`),
      ).failNext(1)
    }
    const key = uid('key')
    expect((await placeCart(s, key)).status).toBe(503)
    await untouched(s)
    const orderId = await orderIdFor(orderIdKeyring(env), s.buyer, key)
    const gone = await api('GET', `/v1/orders/${orderId}`, { token: await token('buyer', s.buyer) })
    expect(gone.status).toBe(404)
  })
})

describe('money under repetition', () => {
  it('refunds a late payment once however often its webhook and alarm come', async () => {
    const s = await setup()
    const placed = await placeCart(s, uid('key'))
    const session = await api<{ sessionId: string }>(
      'POST',
      `/v1/orders/${placed.body.id}/payments`,
      { token: await token('buyer', s.buyer) },
    )
    await api('POST', `/v1/orders/${placed.body.id}/cancel`, {
      token: await token('buyer', s.buyer),
    })
    const deliveries = await Promise.all(
      Array.from({ length: 5 }, async () =>
        api<{ outcome: string }>(
          'POST',
          `/v1/sandbox/payments/${session.body.sessionId}/complete`,
          { token: await token('buyer', s.buyer) },
        ),
      ),
    )
    expect(deliveries.map((d) => d.body.outcome).sort()).toEqual([
      'duplicate:refunded',
      'duplicate:refunded',
      'duplicate:refunded',
      'duplicate:refunded',
      'refunded',
    ])
    await elapse(placed.body.id)
    await elapse(placed.body.id)
    await settle(placed.body.id)
    const { results } = await env.DB.prepare(
      'SELECT kind, amount FROM sandbox_statement WHERE order_id = ? ORDER BY kind',
    )
      .bind(placed.body.id)
      .all()
    expect(results.map((r) => r.kind)).toEqual(['payment', 'refund'])
    await untouched(s)
  })
})
