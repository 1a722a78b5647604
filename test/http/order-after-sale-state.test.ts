import { describe, expect, it } from 'vitest'
import { merchantStep, openAfterSale, receive, shippedOrder } from '../support/after-sales'
import { createSku, createStore } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { type OrderBody, placeOrder, settle } from '../support/orders'

type Order = OrderBody & { afterSale: string; abnormal: boolean; reviewReason: string | null }
interface Summary {
  id: string
  status: string
  afterSale: string
}
interface Page {
  items: Summary[]
  nextCursor: string | null
}

const asService = async (id: string) =>
  (await api<Order>('GET', `/v1/orders/${id}`, { token: await token('service', 'cs') })).body

async function listed(
  path: string,
  role: 'buyer' | 'merchant' | 'admin',
  sub: string,
  store?: string,
) {
  const res = await api<Page>('GET', path, { token: await token(role, sub, store) })
  expect(res.status).toBe(200)
  return res.body.items
}

describe('after-sale status on the order', () => {
  it('reads 退款中 to the buyer and 售后中 to merchant and service while a refund only is open', async () => {
    const { buyer, id, storeId } = await shippedOrder([2500], 2)
    await receive(id, buyer)
    const opened = await openAfterSale(id, buyer, 'refund_only', [{ lineNo: 1, qty: 1 }])
    expect(opened.status).toBe(201)

    const order = await asService(id)
    expect(order.status).toBe('completed')
    expect(order.afterSale).toBe('refunding')
    expect(order.labels.buyer).toEqual({ en: 'Refund in progress', zh: '退款中' })
    expect(order.labels.merchant).toEqual({ en: 'After-sale in progress', zh: '售后中' })
    expect(order.labels.service).toEqual({ en: 'After-sale in progress', zh: '售后中' })
    expect(order.labels.warehouse).toEqual({ en: 'Delivered', zh: '已签收' })
    const merchantView = await api<Order>('GET', `/v1/orders/${id}`, {
      token: await token('merchant', 'clerk', storeId),
    })
    expect(merchantView.body.labels.merchant.zh).toBe('售后中')

    await settle(id)
    const mine = await listed('/v1/orders?afterSale=open', 'buyer', buyer)
    expect(mine).toEqual([
      expect.objectContaining({ id, status: 'completed', afterSale: 'refunding' }),
    ])
    const store = await listed('/v1/orders?afterSale=open', 'merchant', 'clerk', storeId)
    expect(store.map((o) => o.id)).toEqual([id])
    const admin = await listed(`/v1/admin/orders?afterSale=open&userId=${buyer}`, 'admin', 'a')
    expect(admin.map((o) => [o.id, o.afterSale])).toEqual([[id, 'refunding']])

    const rejected = await merchantStep(id, storeId, opened.body.id, 'reject', { reason: 'used' })
    expect(rejected.status).toBe(200)
    const after = await asService(id)
    expect(after.afterSale).toBe('none')
    expect(after.labels.buyer).toEqual({ en: 'Completed', zh: '已完成' })
    await settle(id)
    expect(await listed('/v1/orders?afterSale=open', 'buyer', buyer)).toEqual([])
    const all = await listed('/v1/orders', 'buyer', buyer)
    expect(all.map((o) => [o.id, o.afterSale])).toEqual([[id, 'none']])
  })

  it('reads 售后中 to the buyer for a return, which speaks over a refund only', async () => {
    const { buyer, id } = await shippedOrder([1000, 2000])
    await receive(id, buyer)
    expect((await openAfterSale(id, buyer, 'refund_only', [{ lineNo: 1, qty: 1 }])).status).toBe(
      201,
    )
    expect((await openAfterSale(id, buyer, 'return_refund', [{ lineNo: 2, qty: 1 }])).status).toBe(
      201,
    )
    const order = await asService(id)
    expect(order.afterSale).toBe('in_after_sale')
    expect(order.labels.buyer).toEqual({ en: 'After-sale in progress', zh: '售后中' })
    await settle(id)
    const admin = await listed(`/v1/admin/orders?afterSale=open&userId=${buyer}`, 'admin', 'a')
    expect(admin.map((o) => [o.id, o.afterSale])).toEqual([[id, 'in_after_sale']])
  })

  it('refuses an unknown list filter with 400 naming the field', async () => {
    const res = await api<{ error: { code: string; message: string } }>(
      'GET',
      '/v1/orders?afterSale=closed',
      { token: await token('buyer', uid('b')) },
    )
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('afterSale')
  })
})

describe('abnormal orders', () => {
  it('reads 异常 to customer service while a payment of the wrong amount is held for review', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 2500 })
    const buyer = uid('buyer')
    const id = (await placeOrder(buyer, [{ skuId: sku, qty: 1 }])).body.id
    const buyerToken = await token('buyer', buyer)
    const session = await api<{ sessionId: string }>('POST', `/v1/orders/${id}/payments`, {
      token: buyerToken,
    })
    const done = await api<{ outcome: string }>(
      'POST',
      `/v1/sandbox/payments/${session.body.sessionId}/complete`,
      { token: buyerToken, body: { amount: 2400 } },
    )
    expect(done.body.outcome).toBe('held_for_review')
    const order = await asService(id)
    expect(order.abnormal).toBe(true)
    expect(order.labels.service).toEqual({ en: 'Abnormal', zh: '异常' })
    expect(order.labels.buyer).toEqual({ en: 'To pay', zh: '待付款' })
    expect(order.labels.merchant).toEqual({ en: 'Awaiting payment', zh: '待买家付款' })
  })
})
