import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { createSku, createStore, stockCounts } from '../support/catalog'
import { couponTemplate, issue } from '../support/checkout'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { type OrderBody, placeOrder, settle } from '../support/orders'
import { cny } from '../support/pricing'

describe('an order that owes nothing', () => {
  it('is settled at placement without a provider, books 0.00, and completes its life', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 10000, stock: 5 })
    const buyer = uid('lucky')
    const coupon = await issue(await couponTemplate({ scope: { storeIds: [storeId] } }), buyer)
    const placed = await placeOrder(buyer, [{ skuId: sku, qty: 1 }])
    expect(placed.status).toBe(201)
    expect(placed.body.amounts.payable).toEqual(cny(0))
    expect(placed.body.status).toBe('pending_shipment')
    const id = placed.body.id
    await settle(id)
    const ledger = await env.DB.prepare(
      'SELECT kind, amount, note FROM payments_ledger WHERE order_id = ?',
    )
      .bind(id)
      .all()
    expect(ledger.results).toEqual([{ kind: 'settled_free', amount: 0, note: 'ZERO_PAYABLE' }])
    expect(await stockCounts(sku)).toEqual({ received: 5, available: 4, reserved: 0, sold: 1 })
    const coupons = await api<{ items: { id: string; status: string }[] }>('GET', '/v1/coupons', {
      token: await token('buyer', buyer),
    })
    expect(coupons.body.items.map((c) => [c.id, c.status])).toEqual([[coupon, 'used']])
    const merchant = await token('merchant', 'clerk', storeId)
    const shipped = await api<OrderBody>('POST', `/v1/merchant/orders/${id}/ship`, {
      token: merchant,
      body: { carrier: 'SF', trackingNumber: 'SF0' },
    })
    expect(shipped.body.status).toBe('pending_receipt')
    const received = await api<OrderBody>('POST', `/v1/orders/${id}/confirm-receipt`, {
      token: await token('buyer', buyer),
    })
    expect(received.body.status).toBe('completed')
  })
})

describe('a presale deposit', () => {
  it('must be more than nothing and less than the price', async () => {
    const storeId = await createStore()
    const admin = await token('admin', 'admin-1')
    const sku = (presaleDepositAmount: number) =>
      api<{ error: { code: string; message: string } }>('POST', '/v1/admin/skus', {
        token: admin,
        body: {
          id: uid('pre'),
          storeId,
          title: 'Mooncakes',
          price: cny(10000),
          orderType: 'presale',
          presaleDepositAmount,
          presaleBalanceStartsAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      })
    for (const deposit of [0, 10000, 12000]) {
      const res = await sku(deposit)
      expect(res.status).toBe(400)
      expect(res.body.error.message).toBe(
        'body presaleDepositAmount: must be more than 0 and less than the price 10000',
      )
    }
    expect((await sku(3000)).status).toBe(201)
  })
})

describe('a cart of physical and virtual goods', () => {
  it('splits by order type and is paid once: the top-up completes, the goods wait to ship', async () => {
    const storeId = await createStore()
    const goods = await createSku({ storeId, price: 5000, stock: 5 })
    const topUp = await createSku({ storeId, price: 3000, stock: 5, orderType: 'virtual' })
    const buyer = uid('mixer')
    const placed = await placeOrder(buyer, [
      { skuId: goods, qty: 1 },
      { skuId: topUp, qty: 1 },
    ])
    expect(placed.status).toBe(201)
    type Split = OrderBody & { children: { id: string; reasons: string[] }[] }
    const parent = placed.body as Split
    expect(parent.status).toBe('split')
    expect(parent.children.map((c) => c.reasons)).toEqual([['order_type'], ['order_type']])
    const paid = await api<Split>('POST', `/v1/orders/${parent.id}/pay`, {
      token: await token('buyer', buyer),
    })
    expect(paid.status).toBe(200)
    expect(paid.body.amounts.paid).toEqual(cny(8000))
    const kids = await Promise.all(
      parent.children.map(async (c) => {
        await settle(c.id)
        const res = await api<OrderBody>('GET', `/v1/orders/${c.id}`, {
          token: await token('buyer', buyer),
        })
        return [res.body.type, res.body.status, res.body.amounts.paid.amount]
      }),
    )
    expect(kids).toEqual([
      ['physical', 'pending_shipment', 5000],
      ['virtual', 'completed', 3000],
    ])
    const payments = await env.DB.prepare(
      'SELECT amount FROM payments_ledger WHERE parent_order_id = ? ORDER BY amount',
    )
      .bind(parent.id)
      .all()
    expect(payments.results.map((r) => r.amount)).toEqual([3000, 5000])
  })
})
