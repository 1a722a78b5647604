import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { afterSalesOf, ledgerOf, merchantToken, shippedOrder } from '../support/after-sales'
import { createSku, createStore, stockCounts } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { type OrderBody, placeOrder, pushedToWms, settle } from '../support/orders'

type Order = OrderBody & { cancelReason: string | null; fulfilment: string }
type Failure = { error: { code: string; message: string } }
interface AfterSale {
  id: string
  type: string
  status: string
  requestedBy: { role: string; id: string }
  refund: { total: { amount: number } } | null
}

async function unpaid(price = 4000) {
  const storeId = await createStore()
  const sku = await createSku({ storeId, price, stock: 10 })
  const buyer = uid('buyer')
  const placed = await placeOrder(buyer, [{ skuId: sku, qty: 1 }])
  expect(placed.status).toBe(201)
  return { buyer, id: placed.body.id, sku, storeId }
}

async function paid(price = 4000) {
  const order = await unpaid(price)
  const res = await api('POST', `/v1/orders/${order.id}/pay`, {
    token: await token('buyer', order.buyer),
  })
  expect(res.status).toBe(200)
  return order
}

async function sellerCancel(id: string, caller: string, reason: string) {
  const res = await api<Order & Failure>('POST', `/v1/merchant/orders/${id}/cancel`, {
    token: caller,
    body: { reason },
  })
  await settle(id)
  return res
}

describe('a merchant or customer service cancels before shipment', () => {
  it('refunds and restocks a paid order of the merchant’s store cancelled as out of stock', async () => {
    const { id, sku, storeId } = await paid()
    const res = await sellerCancel(id, await merchantToken(storeId), 'out_of_stock')
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('cancelled')
    expect(res.body.cancelReason).toBe('SELLER_OUT_OF_STOCK')
    expect(await ledgerOf(id)).toEqual([
      ['payment', 4000],
      ['refund', 4000],
    ])
    expect(await stockCounts(sku)).toEqual({ received: 11, available: 10, reserved: 0, sold: 1 })
    const { results } = await env.DB.prepare(
      "SELECT action, actor_role FROM order_events WHERE order_id = ? AND to_status = 'cancelled'",
    )
      .bind(id)
      .all()
    expect(results[0]).toEqual({ action: 'cancel_paid', actor_role: 'merchant' })
  })

  it('intercepts at the warehouse when the order is there, keeping the seller’s reason', async () => {
    const { id, storeId } = await paid()
    await pushedToWms(id)
    const res = await sellerCancel(id, await merchantToken(storeId), 'buyer_request')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      status: 'cancelled',
      fulfilment: 'intercepted',
      cancelReason: 'SELLER_BUYER_REQUEST',
    })
    expect(await ledgerOf(id)).toEqual([
      ['payment', 4000],
      ['refund', 4000],
    ])
  })

  it('lets customer service cancel an unpaid order for risk', async () => {
    const { id, sku } = await unpaid()
    const res = await sellerCancel(id, await token('service', 'cs-1'), 'risk')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: 'SELLER_RISK' })
    expect(await stockCounts(sku)).toEqual({ received: 10, available: 10, reserved: 0, sold: 0 })
  })

  it('answers 404 to a merchant of another store and changes nothing', async () => {
    const { id } = await paid()
    const other = await createStore()
    const res = await sellerCancel(id, await merchantToken(other), 'out_of_stock')
    expect(res.status).toBe(404)
    const order = await api<Order>('GET', `/v1/orders/${id}`, { token: await token('admin', 'a') })
    expect(order.body.status).toBe('pending_shipment')
  })

  it('refuses a reason outside the list with 400 naming the field, and a buyer with 403', async () => {
    const { buyer, id, storeId } = await paid()
    const bad = await sellerCancel(id, await merchantToken(storeId), 'changed_my_mind')
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toContain('reason')
    const asBuyer = await sellerCancel(id, await token('buyer', buyer), 'buyer_request')
    expect(asBuyer.status).toBe(403)
  })

  it('answers 409 once the order has shipped', async () => {
    const { id, storeId } = await shippedOrder([3000])
    const res = await sellerCancel(id, await merchantToken(storeId), 'out_of_stock')
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('ILLEGAL_TRANSITION')
  })
})

describe('a merchant starts a refund only for the buyer', () => {
  it('opens it approved and pays it back through the provider', async () => {
    const { id, storeId } = await shippedOrder([2500], 2)
    const res = await api<AfterSale>('POST', `/v1/merchant/orders/${id}/after-sales`, {
      token: await merchantToken(storeId),
      body: { type: 'refund_only', lines: [{ lineNo: 1, qty: 1 }], reason: 'price adjustment' },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      type: 'refund_only',
      status: 'pending_refund',
      requestedBy: { role: 'merchant', id: `clerk-${storeId}` },
      refund: { total: { amount: 2500 } },
    })
    expect(await ledgerOf(id)).toEqual([
      ['payment', 5000],
      ['refund', 2500],
    ])
    const [done] = await afterSalesOf(id)
    expect(done?.status).toBe('succeeded')
  })

  it('lets customer service do the same, and refuses a merchant a return (400)', async () => {
    const { id } = await shippedOrder([1500])
    const asService = await api<AfterSale>('POST', `/v1/merchant/orders/${id}/after-sales`, {
      token: await token('service', 'cs-2'),
      body: { type: 'refund_only', lines: [{ lineNo: 1, qty: 1 }], reason: 'lost parcel' },
    })
    expect(asService.status).toBe(201)
    expect(asService.body.status).toBe('pending_refund')
    const other = await shippedOrder([1500])
    const aReturn = await api<Failure>('POST', `/v1/merchant/orders/${other.id}/after-sales`, {
      token: await merchantToken(other.storeId),
      body: { type: 'return_refund', lines: [{ lineNo: 1, qty: 1 }], reason: 'x' },
    })
    expect(aReturn.status).toBe(400)
    expect(aReturn.body.error.message).toContain('type')
  })

  it('is refused before shipment: the merchant cancels instead (422)', async () => {
    const { id, storeId } = await paid()
    const res = await api<Failure>('POST', `/v1/merchant/orders/${id}/after-sales`, {
      token: await merchantToken(storeId),
      body: { type: 'refund_only', lines: [{ lineNo: 1, qty: 1 }], reason: 'x' },
    })
    expect(res.status).toBe(422)
    expect(res.body.error.message).toBe('the order has not shipped: cancel it instead')
  })
})
