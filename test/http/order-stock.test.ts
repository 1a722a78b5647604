import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import type { PlacementPlan } from '../../durable-objects/order/placement/saga'
import { createOrderStore } from '../../durable-objects/order/store'
import { reserveFromWarehouses } from '../../durable-objects/stock/client'
import { createSku, createStore, createWarehouse, stockCounts, stockSku } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { elapse, type OrderBody, orderActor, placeOrder, settle } from '../support/orders'

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> }
}

async function pay(orderId: string, buyer: string) {
  const res = await api<OrderBody>('POST', `/v1/orders/${orderId}/pay`, {
    token: await token('buyer', buyer),
  })
  await settle(orderId)
  return res
}

describe('stock through the order life', () => {
  it('reserves at placement, sells at payment, and gives back on cancel', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 100, stock: 10, buckets: 2 })
    const [alice, bob] = [uid('alice'), uid('bob')]
    const a = await placeOrder(alice, [{ skuId: sku, qty: 3 }])
    const b = await placeOrder(bob, [{ skuId: sku, qty: 2 }])
    expect(await stockCounts(sku)).toEqual({ received: 10, available: 5, reserved: 5, sold: 0 })
    await pay(a.body.id, alice)
    expect(await stockCounts(sku)).toEqual({ received: 10, available: 5, reserved: 2, sold: 3 })
    await api('POST', `/v1/orders/${b.body.id}/cancel`, { token: await token('buyer', bob) })
    await settle(b.body.id)
    expect(await stockCounts(sku)).toEqual({ received: 10, available: 7, reserved: 0, sold: 3 })
  })

  it('releases the reservation when the payment deadline passes', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 100, stock: 4 })
    const { body } = await placeOrder(uid('buyer'), [{ skuId: sku, qty: 4 }])
    expect((await stockCounts(sku)).reserved).toBe(4)
    await elapse(body.id)
    await settle(body.id)
    expect(await stockCounts(sku)).toEqual({ received: 4, available: 4, reserved: 0, sold: 0 })
  })

  it('answers SOLD_OUT when nothing is left and INSUFFICIENT_STOCK when too little is', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 100, stock: 2 })
    const more = await placeOrder(uid('buyer'), [{ skuId: sku, qty: 3 }])
    expect(more.status).toBe(409)
    expect((more.body as unknown as ErrorBody).error).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      details: { lineNo: 1, skuId: sku, available: 2 },
    })
    await placeOrder(uid('buyer'), [{ skuId: sku, qty: 2 }])
    const none = await placeOrder(uid('buyer'), [{ skuId: sku, qty: 1 }])
    expect(none.status).toBe(409)
    expect((none.body as unknown as ErrorBody).error.code).toBe('SOLD_OUT')
  })

  it('takes nothing when one line of a cart cannot be served', async () => {
    const storeId = await createStore()
    const plenty = await createSku({ storeId, price: 100, stock: 50 })
    const scarce = await createSku({ storeId, price: 100, stock: 1 })
    const res = await placeOrder(uid('buyer'), [
      { skuId: plenty, qty: 5 },
      { skuId: scarce, qty: 2 },
    ])
    expect(res.status).toBe(409)
    expect(await stockCounts(plenty)).toEqual({ received: 50, available: 50, reserved: 0, sold: 0 })
    expect(await stockCounts(scarce)).toEqual({ received: 1, available: 1, reserved: 0, sold: 0 })
  })

  it('sells exactly the stock in a flash sale of 120 concurrent buyers for 30 units', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 990, stock: 30, buckets: 4 })
    const results = await Promise.all(
      Array.from({ length: 120 }, () => placeOrder(uid('fan'), [{ skuId: sku, qty: 1 }])),
    )
    const placed = results.filter((r) => r.status === 201)
    const refused = results.filter((r) => r.status === 409)
    expect(placed.length).toBe(30)
    expect(refused.length).toBe(90)
    expect(await stockCounts(sku)).toEqual({ received: 30, available: 0, reserved: 30, sold: 0 })
  }, 120_000)

  it('lets one buyer through a per-buyer limit of 1 even with simultaneous orders', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 990, stock: 20, buckets: 2, perBuyerLimit: 1 })
    const buyer = uid('eager')
    const results = await Promise.all(
      Array.from({ length: 6 }, () => placeOrder(buyer, [{ skuId: sku, qty: 1 }])),
    )
    expect(results.filter((r) => r.status === 201).length).toBe(1)
    const codes = results
      .filter((r) => r.status !== 201)
      .map((r) => (r.body as unknown as ErrorBody).error.code)
    expect(codes).toEqual(Array(5).fill('PURCHASE_LIMIT_EXCEEDED'))
    expect((await stockCounts(sku)).reserved).toBe(1)
  })

  it('picks the warehouse serving the region first, then falls back', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 100, stock: 0 })
    const near = await createWarehouse([{ region: 'CN-31', priority: 0 }])
    const far = await createWarehouse([{ region: '*', priority: 5 }])
    await stockSku(sku, near, 1)
    await stockSku(sku, far, 5)
    const first = await placeOrder(uid('buyer'), [{ skuId: sku, qty: 1 }])
    const second = await placeOrder(uid('buyer'), [{ skuId: sku, qty: 1 }])
    const warehouses = await Promise.all(
      [first, second].map((r) =>
        runInDurableObject(orderActor(r.body.id), (_i, state) => {
          return createOrderStore(state.storage.sql).load()?.order.stock[0]?.warehouseId
        }),
      ),
    )
    expect(warehouses).toEqual([near, far])
  })
})

describe('deduction policy on_pay', () => {
  it('checks at placement, takes at payment, and cancels when the stock is gone by then', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 100, stock: 1, policy: 'on_pay' })
    const [first, second] = [uid('first'), uid('second')]
    const a = await placeOrder(first, [{ skuId: sku, qty: 1 }])
    const b = await placeOrder(second, [{ skuId: sku, qty: 1 }])
    expect([a.status, b.status]).toEqual([201, 201])
    expect(await stockCounts(sku)).toEqual({ received: 1, available: 1, reserved: 0, sold: 0 })
    expect((await pay(b.body.id, second)).body.status).toBe('pending_shipment')
    expect(await stockCounts(sku)).toEqual({ received: 1, available: 0, reserved: 0, sold: 1 })
    const late = await pay(a.body.id, first)
    expect(late.status).toBe(409)
    expect((late.body as unknown as ErrorBody).error.code).toBe('OUT_OF_STOCK_AT_PAYMENT')
    const order = await api<OrderBody>('GET', `/v1/orders/${a.body.id}`, {
      token: await token('buyer', first),
    })
    expect(order.body.status).toBe('cancelled')
    expect(order.body.cancelReason).toBe('OUT_OF_STOCK_AT_PAYMENT')
    expect(order.body.amounts.paid.amount).toBe(0)
  })
})

describe('placement crash recovery', () => {
  it('gives back what a placement that died mid-way had reserved, when its alarm fires', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 100, stock: 5 })
    const plans = await api<{ warehouses: { warehouseId: string; buckets: number }[] }>(
      'GET',
      `/v1/admin/stock/${sku}`,
      { token: await token('admin', 'a') },
    )
    const warehouses = plans.body.warehouses.map((w) => ({
      warehouseId: w.warehouseId,
      buckets: w.buckets,
    }))
    const orderId = `ord_crash${uid('x').replaceAll('-', '')}`
    const userId = uid('buyer')
    // The saga reserved, then the actor died before the order was written.
    const held = await reserveFromWarehouses(env.STOCK_ACTOR, {
      orderId,
      userId,
      skuId: sku,
      qty: 3,
      leaseUntil: Date.now() + 3_600_000,
      warehouses,
    })
    expect(held.ok).toBe(true)
    expect((await stockCounts(sku)).reserved).toBe(3)
    const stub = orderActor(orderId)
    if (!held.ok) throw new Error('not reserved')
    const line = { lineNo: 1, skuId: sku, qty: 3, policy: 'on_place', perBuyerLimit: null }
    const plan = {
      orderId,
      requestHash: 'crashed',
      children: null,
      userId,
      stock: [
        {
          ...line,
          holderId: orderId,
          warehouseId: held.warehouseId,
          buckets: held.buckets,
          allocations: held.allocations,
        },
      ],
      wallet: { couponIds: [], points: 0 },
      leaseUntil: Date.now() + 3_600_000,
    }
    await runInDurableObject(stub, async (_i, state) => {
      const store = createOrderStore(state.storage.sql)
      store.startPlacement(plan as unknown as PlacementPlan)
      store.timers.set('placement_timeout', Date.now() - 1, 'abandon')
      await state.storage.setAlarm(Date.now() + 60_000)
    })
    expect(await runDurableObjectAlarm(stub)).toBe(true)
    expect(await stockCounts(sku)).toEqual({ received: 5, available: 5, reserved: 0, sold: 0 })
    const left = await runInDurableObject(stub, (_i, state) =>
      createOrderStore(state.storage.sql).placement(),
    )
    expect(left).toBe(null)
  })
})
