import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { createSku, createStore, stockCounts } from '../support/catalog'
import { uid } from '../support/ids'
import {
  readOrder,
  readSubscription,
  renewalDueAt,
  renewNow,
  subscribe,
  subscriptionActorOf,
} from '../support/subscriptions'

const week = 7 * 86_400_000

describe('subscription cycles', () => {
  it('runs three cycles, each a paid delivery order of the plan price, then completes', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 1250, stock: 50 })
    const buyer = uid('buyer')
    const created = await subscribe(buyer, {
      storeId,
      lines: [{ skuId: sku, qty: 2 }],
      pricePerCycle: 2500,
      cycles: 3,
    })
    expect(created.status).toBe(201)
    expect(created.body.status).toBe('active')
    expect(created.body.plan.period).toBe('P1W')
    expect(created.body.cyclesLeft).toBe(3)
    expect(created.body.deliveries).toEqual([])
    const id = created.body.id
    const anchor = Date.parse(created.body.nextRenewalAt ?? '')
    expect(await renewalDueAt(id)).toBe(anchor)

    for (const cycle of [1, 2]) {
      expect(await renewNow(id)).toBe(true)
      const sub = await readSubscription(id, buyer)
      expect(sub.cyclesDone).toBe(cycle)
      expect(sub.status).toBe('active')
      expect(Date.parse(sub.nextRenewalAt ?? '')).toBe(anchor + cycle * week)
    }
    expect(await renewNow(id)).toBe(true)

    const sub = await readSubscription(id, buyer)
    expect(sub.status).toBe('completed')
    expect(sub.labels.buyer).toEqual({ en: 'All deliveries made', zh: '订阅已完成' })
    expect(sub.cyclesDone).toBe(3)
    expect(sub.cyclesLeft).toBe(0)
    expect(sub.nextRenewalAt).toBeNull()
    expect(sub.deliveries.map((d) => [d.cycle, d.amount])).toEqual([
      [1, { amount: 2500, currency: 'CNY' }],
      [2, { amount: 2500, currency: 'CNY' }],
      [3, { amount: 2500, currency: 'CNY' }],
    ])
    const orders = await Promise.all(sub.deliveries.map((d) => readOrder(d.orderId)))
    expect(new Set(orders.map((o) => o.id)).size).toBe(3)
    for (const order of orders) {
      expect(order.status).toBe('pending_shipment')
      expect(order.userId).toBe(buyer)
      expect(order.amounts.payable).toEqual({ amount: 2500, currency: 'CNY' })
      expect(order.amounts.paid).toEqual({ amount: 2500, currency: 'CNY' })
    }
    expect(await stockCounts(sku)).toEqual({ received: 50, available: 44, reserved: 0, sold: 6 })
    expect(await renewalDueAt(id)).toBeNull()
  })

  it('finds the order a crashed renewal placed and paid instead of charging again', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 990, stock: 10 })
    const buyer = uid('buyer')
    const lines = [{ skuId: sku, qty: 1 }]
    const id = (await subscribe(buyer, { storeId, lines, pricePerCycle: 990 })).body.id
    const stub = subscriptionActorOf(id)
    const before = await runInDurableObject(stub, (_i, state) =>
      state.storage.sql.exec<{ snapshot: string }>('SELECT snapshot FROM subscription').one(),
    )
    expect(await renewNow(id)).toBe(true)
    const first = (await readSubscription(id, buyer)).deliveries[0]
    // As if the run had placed and paid its order, then died before recording it.
    await runInDurableObject(stub, (_i, state) => {
      state.storage.sql.exec(
        'UPDATE subscription SET snapshot = ?, renewing = ?',
        before.snapshot,
        `${id}:0:0`,
      )
      state.storage.sql.exec('DELETE FROM deliveries')
    })
    expect(await renewNow(id)).toBe(true)
    const sub = await readSubscription(id, buyer)
    expect(sub.cyclesDone).toBe(1)
    expect(sub.deliveries.map((d) => [d.cycle, d.orderId])).toEqual([[1, first?.orderId]])
    expect(await stockCounts(sku)).toEqual({ received: 10, available: 9, reserved: 0, sold: 1 })
  })

  it('does nothing when the alarm comes before the renewal is due', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 990, stock: 10 })
    const buyer = uid('buyer')
    const lines = [{ skuId: sku, qty: 1 }]
    const id = (await subscribe(buyer, { storeId, lines, pricePerCycle: 990 })).body.id
    expect(await runDurableObjectAlarm(subscriptionActorOf(id))).toBe(true)
    const sub = await readSubscription(id, buyer)
    expect(sub.cyclesDone).toBe(0)
    expect(sub.deliveries).toEqual([])
    expect(await stockCounts(sku)).toEqual({ received: 10, available: 10, reserved: 0, sold: 0 })
  })

  it('drops a projection timer left behind once D1 has the latest version', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 990, stock: 10 })
    const lines = [{ skuId: sku, qty: 1 }]
    const id = (await subscribe(uid('buyer'), { storeId, lines, pricePerCycle: 990 })).body.id
    const stub = subscriptionActorOf(id)
    const timers = () =>
      runInDurableObject(stub, (_i, state) =>
        state.storage.sql.exec<{ kind: string }>('SELECT kind FROM timers ORDER BY kind').toArray(),
      )
    expect(await timers()).toEqual([{ kind: 'renewal' }])
    await runInDurableObject(stub, (_i, state) => {
      state.storage.sql.exec("INSERT INTO timers (kind, due_at) VALUES ('projection', 1)")
    })
    expect(await runDurableObjectAlarm(stub)).toBe(true)
    expect(await timers()).toEqual([{ kind: 'renewal' }])
  })
})
