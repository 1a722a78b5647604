import { env, runInDurableObject } from 'cloudflare:test'
import { afterEach, describe, expect, it } from 'vitest'
import { STOCK_HOLD_AFTER_MS } from '../../durable-objects/order/stock-hold'
import { createOrderStore } from '../../durable-objects/order/store'
import { bucketStub } from '../../durable-objects/stock/client'
import { durationsFrom } from '../../src/config'
import { homeBucket } from '../../src/domain/stock/buckets'
import { address, createSku, createStore, defaultWarehouse } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { elapse, orderActor, placeOrder, settle, timersOf } from '../support/orders'
import { clearStockAlarms, inStockActor } from '../support/stock'

afterEach(clearStockAlarms)

async function placed(buyer: string, sku: string) {
  const answer = await placeOrder(buyer, [{ skuId: sku, qty: 1 }])
  expect(answer.status).toBe(201)
  const id = answer.body.id
  const createdAt = await runInDurableObject(
    orderActor(id),
    (_i, state) => createOrderStore(state.storage.sql).load()?.order.createdAt ?? 0,
  )
  return { id, createdAt }
}

async function reservationAtHome(sku: string, buyer: string, orderId: string) {
  const line = { skuId: sku, warehouseId: await defaultWarehouse(), buckets: 2 }
  const home = bucketStub(env.STOCK_ACTOR, line, homeBucket(buyer, 2))
  return inStockActor(home, (actor) => actor.ledger.row('reservations', orderId))
}

describe('holding a placed order’s stock', () => {
  it('holds an unpaid order’s reservation past its payment deadline half-way through the short lease', async () => {
    const sku = await createSku({ storeId: await createStore(), price: 700, stock: 4, buckets: 2 })
    const buyer = uid('buyer')
    const { id, createdAt } = await placed(buyer, sku)
    const check = (await timersOf(id)).find((t) => t.kind === 'stock_hold')
    expect(check?.due_at).toBe(createdAt + STOCK_HOLD_AFTER_MS)
    const short = await reservationAtHome(sku, buyer, id)
    expect(short?.leaseUntil).toBeLessThanOrEqual(createdAt + 2 * STOCK_HOLD_AFTER_MS)

    expect(await elapse(id, ['stock_hold'])).toBe(true)
    const timeout = durationsFrom(env).PAYMENT_TIMEOUT_SECONDS
    const held = await reservationAtHome(sku, buyer, id)
    expect(held).toMatchObject({
      state: 'reserved',
      leaseUntil: createdAt + (timeout + 600) * 1000,
    })
    expect((await timersOf(id)).map((t) => t.kind)).toEqual(['payment_deadline'])
  })

  it('never asks the bucket to hold an order paid before then', async () => {
    const sku = await createSku({ storeId: await createStore(), price: 700, stock: 4, buckets: 2 })
    const buyer = uid('buyer')
    const { id } = await placed(buyer, sku)
    const buyerToken = await token('buyer', buyer)
    const session = await api<{ sessionId: string }>('POST', `/v1/orders/${id}/payments`, {
      token: buyerToken,
    })
    const done = await api<{ outcome: string }>(
      'POST',
      `/v1/sandbox/payments/${session.body.sessionId}/complete`,
      { token: buyerToken, body: { amount: 700 } },
    )
    expect(done.body.outcome).toBe('paid')
    await settle(id)
    expect((await timersOf(id)).map((t) => t.kind)).not.toContain('stock_hold')
    expect(await reservationAtHome(sku, buyer, id)).toMatchObject({ state: 'committed' })
  })

  it('leaves a cancelled order’s units released, with no hold left to run', async () => {
    const sku = await createSku({ storeId: await createStore(), price: 700, stock: 4, buckets: 2 })
    const buyer = uid('buyer')
    const { id } = await placed(buyer, sku)
    const cancelled = await api('POST', `/v1/orders/${id}/cancel`, {
      token: await token('buyer', buyer),
      body: { reason: 'changed mind' },
    })
    expect(cancelled.status).toBe(200)
    await settle(id)
    expect(await timersOf(id)).toEqual([])
    expect(await reservationAtHome(sku, buyer, id)).toMatchObject({ state: 'released' })
  })

  it('lets each package of a split cart hold its own stock, and the parent none', async () => {
    const [storeA, storeB] = [await createStore(), await createStore()]
    const a = await createSku({ storeId: storeA, price: 1000, stock: 5, buckets: 2 })
    const b = await createSku({ storeId: storeB, price: 2000, stock: 5, buckets: 2 })
    const buyer = uid('buyer')
    const placedCart = await api<{ id: string; children: { id: string }[] }>('POST', '/v1/orders', {
      token: await token('buyer', buyer),
      headers: { 'Idempotency-Key': uid('key') },
      body: {
        lines: [
          { skuId: a, qty: 1 },
          { skuId: b, qty: 2 },
        ],
        address,
      },
    })
    expect(placedCart.status).toBe(201)
    // The parent keeps no lease of its own: its packages hold every line.
    expect(await timersOf(placedCart.body.id)).toEqual([])
    const [first, second] = placedCart.body.children.map((c) => c.id)
    for (const child of [first, second]) {
      expect((await timersOf(child ?? '')).map((t) => t.kind)).toEqual([
        'payment_deadline',
        'stock_hold',
      ])
    }
    const createdAt = await runInDurableObject(
      orderActor(second ?? ''),
      (_i, state) => createOrderStore(state.storage.sql).load()?.order.createdAt ?? 0,
    )
    expect(await elapse(second ?? '', ['stock_hold'])).toBe(true)
    const timeout = durationsFrom(env).PAYMENT_TIMEOUT_SECONDS
    const held = await reservationAtHome(b, buyer, second ?? '')
    expect(held).toMatchObject({
      state: 'reserved',
      qty: 2,
      leaseUntil: createdAt + (timeout + 600) * 1000,
    })
  })
})
