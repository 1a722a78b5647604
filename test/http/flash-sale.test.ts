import { env, listDurableObjectIds } from 'cloudflare:test'
import { afterEach, describe, expect, it } from 'vitest'
import { bucketStub } from '../../durable-objects/stock/client'
import { homeBucket } from '../../src/domain/stock/buckets'
import { orderIdFor, orderIdKeyring } from '../../src/ids'
import {
  address,
  createSku,
  createStore,
  createWarehouse,
  defaultWarehouse,
  stockCounts,
  stockSku,
} from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { orderActor, placeOrder } from '../support/orders'
import { clearStockAlarms, expireLeases, inStockActor } from '../support/stock'

afterEach(clearStockAlarms)

const idsOf = async (ns: DurableObjectNamespace) =>
  new Set((await listDurableObjectIds(ns)).map((id) => id.toString()))

describe('a flash sale over four stock buckets', () => {
  it('sells 5 units to exactly 5 of 50 racing buyers, and the 45 refused leave no actor behind', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 9900, stock: 5, buckets: 4, perBuyerLimit: 1 })
    const buyers = Array.from({ length: 50 }, () => uid('racer'))
    const ordersBefore = await idsOf(env.ORDER_ACTOR)
    const answers = await Promise.all(buyers.map((b) => placeOrder(b, [{ skuId: sku, qty: 1 }])))
    const won = answers.filter((a) => a.status === 201)
    expect(won).toHaveLength(5)
    const refused = answers.filter((a) => a.status !== 201)
    expect(new Set(refused.map((a) => a.status))).toEqual(new Set([409]))
    expect(
      new Set(refused.map((a) => (a.body as { error?: { code: string } }).error?.code)),
    ).toEqual(new Set(['SOLD_OUT']))
    expect(await stockCounts(sku)).toEqual({ received: 5, available: 0, reserved: 5, sold: 0 })
    const ordersAfter = await idsOf(env.ORDER_ACTOR)
    const created = [...ordersAfter].filter((id) => !ordersBefore.has(id))
    expect(new Set(created)).toEqual(
      new Set(won.map((a) => env.ORDER_ACTOR.idFromName(a.body.id).toString())),
    )
    // Nobody used a coupon or points: no buyer's wallet actor was so much as created.
    const wallets = await idsOf(env.WALLET_ACTOR)
    for (const b of buyers)
      expect(wallets.has(env.WALLET_ACTOR.idFromName(b).toString())).toBe(false)
  })

  it('replays a placed order for its key after the sellout, and refuses the key for another cart', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 500, stock: 1, buckets: 4 })
    const buyer = uid('early')
    const key = uid('key')
    const first = await placeOrder(buyer, [{ skuId: sku, qty: 1 }], key)
    expect(first.status).toBe(201)
    expect((await placeOrder(uid('late'), [{ skuId: sku, qty: 1 }])).status).toBe(409)
    const again = await placeOrder(buyer, [{ skuId: sku, qty: 1 }], key)
    expect(again.status).toBe(201)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect(again.body.id).toBe(first.body.id)
    const other = await placeOrder(buyer, [{ skuId: sku, qty: 2 }], key)
    expect(other.status).toBe(409)
    expect((other.body as unknown as { error: { code: string } }).error.code).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    )
    expect(await stockCounts(sku)).toEqual({ received: 1, available: 0, reserved: 1, sold: 0 })
  })

  it('places a key whose first attempt was refused once stock comes back', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 500, stock: 1, buckets: 2 })
    expect((await placeOrder(uid('first'), [{ skuId: sku, qty: 1 }])).status).toBe(201)
    const buyer = uid('patient')
    const key = uid('key')
    expect((await placeOrder(buyer, [{ skuId: sku, qty: 1 }], key)).status).toBe(409)
    await stockSku(sku, await defaultWarehouse(), 3, 2)
    const retried = await placeOrder(buyer, [{ skuId: sku, qty: 1 }], key)
    expect(retried.status).toBe(201)
    expect(retried.headers.get('Idempotent-Replayed')).toBeNull()
  })

  it('takes back a reservation whose order actor died before adopting it, by the bucket alarm', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 500, stock: 3, buckets: 2 })
    const buyer = uid('doomed')
    const key = uid('key')
    const orderId = await orderIdFor(orderIdKeyring(env), buyer, key)
    expect((await orderActor(orderId).armFault('after_stock')).ok).toBe(true)
    const crashed = await placeOrder(buyer, [{ skuId: sku, qty: 2 }], key)
    expect(crashed.status).toBe(503)
    expect(await stockCounts(sku)).toEqual({ received: 3, available: 1, reserved: 2, sold: 0 })
    const line = { skuId: sku, warehouseId: await defaultWarehouse(), buckets: 2 }
    const home = bucketStub(env.STOCK_ACTOR, line, homeBucket(buyer, 2))
    const lease = await inStockActor(home, (actor) => actor.ledger.row('reservations', orderId))
    expect(lease?.state).toBe('reserved')
    // Held only briefly: nothing confirmed it for the payment window.
    expect(lease?.leaseUntil).toBeLessThanOrEqual(Date.now() + 2 * 60_000)
    await expireLeases(home)
    expect(await stockCounts(sku)).toEqual({ received: 3, available: 3, reserved: 0, sold: 0 })
    const gone = await api('GET', `/v1/orders/${orderId}`, { token: await token('buyer', buyer) })
    expect(gone.status).toBe(404)
  })

  it('remembers a sold-out warehouse for its own region only', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 800, stock: 0 })
    const north = await createWarehouse([{ region: 'CN-11', priority: 0 }])
    const south = await createWarehouse([{ region: 'CN-31', priority: 0 }])
    await stockSku(sku, north, 0, 2)
    await stockSku(sku, south, 100, 2)
    const buy = async (region: string) =>
      api('POST', '/v1/orders', {
        token: await token('buyer', uid('buyer')),
        headers: { 'Idempotency-Key': uid('key') },
        body: { lines: [{ skuId: sku, qty: 1 }], address: { ...address, region } },
      })
    expect((await buy('CN-11')).status).toBe(409)
    const stocked = await Promise.all(Array.from({ length: 10 }, () => buy('CN-31')))
    expect(stocked.map((a) => a.status)).toEqual(Array(10).fill(201))
    expect((await buy('CN-11')).status).toBe(409)
  })
})
