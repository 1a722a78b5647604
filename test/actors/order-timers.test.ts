import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { createOrderStore } from '../../durable-objects/order/store'
import { createSku, createStore } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { elapse, type OrderBody, orderActor, placeOrder, timersOf } from '../support/orders'

async function shippedOrder() {
  const storeId = await createStore()
  const sku = await createSku({ storeId, price: 1200 })
  const buyer = uid('buyer')
  const placed = await placeOrder(buyer, [{ skuId: sku, qty: 1 }])
  const id = placed.body.id
  await api('POST', `/v1/orders/${id}/pay`, { token: await token('buyer', buyer) })
  await api('POST', `/v1/merchant/orders/${id}/ship`, {
    token: await token('merchant', 'm', storeId),
    body: { carrier: 'SF', trackingNumber: 'T1' },
  })
  return { id, buyer }
}

async function readAsService(id: string): Promise<OrderBody> {
  return (await api<OrderBody>('GET', `/v1/orders/${id}`, { token: await token('service', 'cs') }))
    .body
}

describe('order timers', () => {
  it('auto-confirms receipt when the window after shipment passes', async () => {
    const { id } = await shippedOrder()
    const [timer] = await timersOf(id)
    expect(timer?.kind).toBe('auto_confirm')
    expect(timer?.due_at).toBeGreaterThanOrEqual(Date.now() + 14 * 86_400_000 - 5_000)
    await elapse(id, ['auto_confirm'])
    const order = await readAsService(id)
    expect(order.status).toBe('completed')
    expect(order.afterSaleOpen).toBe(true)
  })

  it('closes the after-sale window N days after receipt', async () => {
    const { id } = await shippedOrder()
    await elapse(id, ['auto_confirm'])
    const [timer] = await timersOf(id)
    expect(timer?.kind).toBe('after_sale_window')
    await elapse(id, ['after_sale_window'])
    const order = await readAsService(id)
    expect(order.status).toBe('completed')
    expect(order.afterSaleOpen).toBe(false)
    expect(await timersOf(id)).toEqual([])
  })

  it('treats a re-delivered alarm as a no-op', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 800 })
    const placed = await placeOrder(uid('buyer'), [{ skuId: sku, qty: 1 }])
    const id = placed.body.id
    await elapse(id)
    const stub = orderActor(id)
    const before = await stub.history({ role: 'admin', id: 'a' })
    await runDurableObjectAlarm(stub)
    await elapse(id)
    const after = await stub.history({ role: 'admin', id: 'a' })
    expect(before.ok && after.ok).toBe(true)
    if (before.ok && after.ok) {
      expect(after.events).toEqual(before.events)
      expect(after.events.map((e) => e.action)).toEqual(['place', 'expire'])
    }
  })

  it('spends a payment deadline that fires after the order was paid', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 800 })
    const buyer = uid('buyer')
    const placed = await placeOrder(buyer, [{ skuId: sku, qty: 1 }])
    const id = placed.body.id
    const stub = orderActor(id)
    // The timer row survives as if the alarm raced the payment.
    await api('POST', `/v1/orders/${id}/pay`, { token: await token('buyer', buyer) })
    await runInDurableObject(stub, async (_i, state) => {
      createOrderStore(state.storage.sql).timers.set('payment_deadline', Date.now() - 1, 'expire')
      await state.storage.setAlarm(Date.now() + 60_000)
    })
    expect(await runDurableObjectAlarm(stub)).toBe(true)
    const order = await readAsService(id)
    expect(order.status).toBe('pending_shipment')
    expect(await timersOf(id)).toEqual([])
  })
})
