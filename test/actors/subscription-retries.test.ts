import { describe, expect, it } from 'vitest'
import { createSku, createStore, stockCounts } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import {
  act,
  readOrder,
  readSubscription,
  renewalDueAt,
  renewNow,
  subscribe,
} from '../support/subscriptions'

describe('subscription renewal retries', () => {
  it('retries a declined renewal after 1 h, 6 h and 1 day, then suspends', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 2000, stock: 10 })
    const buyer = uid('buyer')
    const created = await subscribe(buyer, {
      storeId,
      lines: [{ skuId: sku, qty: 1 }],
      pricePerCycle: 2000,
      cycles: 3,
      paymentMethod: 'pm_sandbox_declined_card',
    })
    const id = created.body.id
    const waits: number[] = []
    const declinedOrders: string[] = []
    for (const attempt of [1, 2, 3]) {
      expect(await renewNow(id)).toBe(true)
      const sub = await readSubscription(id, buyer)
      expect(sub.status).toBe('past_due')
      expect(sub.failedAttempts).toBe(attempt)
      expect(sub.lastFailure?.code).toBe('PAYMENT_DECLINED')
      waits.push(Date.parse(sub.nextRenewalAt ?? '') - Date.parse(sub.lastFailure?.at ?? ''))
      declinedOrders.push(sub.lastFailure?.orderId ?? '')
    }
    expect(waits).toEqual([3_600_000, 21_600_000, 86_400_000])
    const past = await readSubscription(id, buyer)
    expect(past.labels.buyer).toEqual({ en: 'Payment failed, retrying', zh: '扣款失败，重试中' })
    expect(past.labels.service).toEqual({
      en: 'Past due: renewal retrying',
      zh: '逾期：续费重试中',
    })

    expect(await renewNow(id)).toBe(true)
    const suspended = await readSubscription(id, buyer)
    expect(suspended.status).toBe('suspended')
    expect(suspended.failedAttempts).toBe(4)
    expect(suspended.nextRenewalAt).toBeNull()
    expect(suspended.cyclesDone).toBe(0)
    expect(suspended.labels.merchant).toEqual({
      en: 'Suspended: payment failed',
      zh: '扣款失败已中止',
    })
    expect(await renewalDueAt(id)).toBeNull()

    // Every declined attempt placed its own order, cancelled at once with its stock back.
    declinedOrders.push(suspended.lastFailure?.orderId ?? '')
    expect(new Set(declinedOrders).size).toBe(4)
    for (const orderId of declinedOrders)
      expect((await readOrder(orderId)).status).toBe('cancelled')
    expect(await stockCounts(sku)).toEqual({ received: 10, available: 10, reserved: 0, sold: 0 })

    const skip = await act(id, 'skip', buyer)
    expect(skip.status).toBe(409)
    expect(skip.body).toMatchObject({ error: { code: 'ILLEGAL_TRANSITION' } })
  })

  it('fails a renewal whose price moved instead of charging the new price', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 2000, stock: 10 })
    const buyer = uid('buyer')
    const lines = [{ skuId: sku, qty: 1 }]
    const id = (await subscribe(buyer, { storeId, lines, pricePerCycle: 2000 })).body.id
    const repriced = await api('PATCH', `/v1/admin/skus/${sku}`, {
      token: await token('admin', 'admin-1'),
      body: { price: { amount: 2400, currency: 'CNY' } },
    })
    expect(repriced.status).toBe(200)
    expect(await renewNow(id)).toBe(true)
    const sub = await readSubscription(id, buyer)
    expect(sub.status).toBe('past_due')
    expect(sub.lastFailure).toMatchObject({ code: 'PRICE_CHANGED', orderId: null })
    expect(sub.deliveries).toEqual([])
    expect(await renewalDueAt(id)).toBe(Date.parse(sub.lastFailure?.at ?? '') + 3_600_000)
  })
})
