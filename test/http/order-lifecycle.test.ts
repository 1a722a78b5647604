import { describe, expect, it } from 'vitest'
import { createSku, createStore } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { elapse, type OrderBody, placeOrder, timersOf } from '../support/orders'

describe('physical order life over HTTP', () => {
  it('walks placement, payment, shipment and receipt to completed', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 1999 })
    const buyer = uid('buyer')
    const placed = await placeOrder(buyer, [{ skuId: sku, qty: 3 }])
    expect(placed.status).toBe(201)
    expect(placed.body.status).toBe('pending_payment')
    expect(placed.body.amounts.payable).toEqual({ amount: 5997, currency: 'CNY' })
    expect(placed.body.labels.buyer).toEqual({ en: 'To pay', zh: '待付款' })
    const id = placed.body.id
    const buyerToken = await token('buyer', buyer)

    const paid = await api<OrderBody>('POST', `/v1/orders/${id}/pay`, { token: buyerToken })
    expect(paid.status).toBe(200)
    expect(paid.body.status).toBe('pending_shipment')
    expect(paid.body.amounts.paid).toEqual({ amount: 5997, currency: 'CNY' })

    const merchant = await token('merchant', uid('clerk'), storeId)
    const shipped = await api<OrderBody>('POST', `/v1/merchant/orders/${id}/ship`, {
      token: merchant,
      body: { carrier: 'SF', trackingNumber: 'SF100200300' },
    })
    expect(shipped.status).toBe(200)
    expect(shipped.body.status).toBe('pending_receipt')
    expect(shipped.body.labels.buyer.en).toBe('Shipped')
    expect(shipped.body.labels.merchant.en).toBe('Awaiting receipt')
    expect(shipped.body.labels.warehouse.en).toBe('Outbound')
    expect(shipped.body.shipment).toEqual({ carrier: 'SF', trackingNumber: 'SF100200300' })

    const received = await api<OrderBody>('POST', `/v1/orders/${id}/confirm-receipt`, {
      token: buyerToken,
    })
    expect(received.status).toBe(200)
    expect(received.body.status).toBe('completed')
    expect((await timersOf(id)).map((t) => t.kind)).toEqual(['after_sale_window'])

    const history = await api<{ events: { seq: number; action: string; to: string }[] }>(
      'GET',
      `/v1/orders/${id}/history`,
      { token: buyerToken },
    )
    expect(history.body.events.map((e) => [e.seq, e.action, e.to])).toEqual([
      [1, 'place', 'pending_payment'],
      [2, 'pay', 'pending_shipment'],
      [3, 'ship', 'pending_receipt'],
      [4, 'confirm_receipt', 'completed'],
    ])
  })

  it('cancels an unpaid order when the payment deadline passes', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 500 })
    const placed = await placeOrder(uid('buyer'), [{ skuId: sku, qty: 1 }])
    const id = placed.body.id
    const [deadline] = await timersOf(id)
    expect(deadline?.kind).toBe('payment_deadline')
    expect(deadline?.due_at).toBeGreaterThanOrEqual(Date.now() + 1799_000)

    expect(await elapse(id)).toBe(true)
    const after = await api<OrderBody>('GET', `/v1/orders/${id}`, {
      token: await token('service', 'cs-1'),
    })
    expect(after.body.status).toBe('cancelled')
    expect(after.body.cancelReason).toBe('PAYMENT_TIMEOUT')
    expect(await timersOf(id)).toEqual([])
  })
})
