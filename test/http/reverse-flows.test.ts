import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { wmsAdapter } from '../../src/adapters/wms-provider'
import { address, createSku, createStore, stockCounts } from '../support/catalog'
import { admin } from '../support/checkout'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { type OrderBody, pushedToWms, readOrder, settle } from '../support/orders'

type Order = OrderBody & { fulfilment: string; address: { city: string } }

async function paidOrder(points = 0) {
  const storeId = await createStore()
  const sku = await createSku({ storeId, price: 4000, stock: 10 })
  const buyer = uid('buyer')
  if (points > 0) {
    await admin('PUT', '/v1/admin/points-policy', {
      rate: { points: 1, minorUnits: 1 },
      maxShareBps: 10000,
      maxPointsPerOrder: null,
    })
    await admin('POST', `/v1/admin/members/${buyer}/points`, { points, reason: 'reverse' })
  }
  const placed = await api<Order>('POST', '/v1/orders', {
    token: await token('buyer', buyer),
    headers: { 'Idempotency-Key': uid('key') },
    body: { lines: [{ skuId: sku, qty: 1 }], address, points, couponIds: 'none' },
  })
  const id = placed.body.id
  expect(
    (await api('POST', `/v1/orders/${id}/pay`, { token: await token('buyer', buyer) })).status,
  ).toBe(200)
  return { buyer, id, sku, storeId }
}

async function wmsState(id: string) {
  const status = await wmsAdapter(env).status(id)
  return status.ok ? status.state : status.code
}

async function cancel(id: string, buyer: string) {
  const res = await api<Order & { error?: { code: string } }>('POST', `/v1/orders/${id}/cancel`, {
    token: await token('buyer', buyer),
  })
  await settle(id)
  return res
}

async function ledgerKinds(id: string) {
  const { results } = await env.DB.prepare(
    'SELECT kind, amount FROM payments_ledger WHERE order_id = ? ORDER BY at, kind',
  )
    .bind(id)
    .all()
  return results.map((r) => [r.kind, r.amount])
}

describe('cancelling a paid order', () => {
  it('cancels on the spot before the warehouse has it: refund, stock back, points back', async () => {
    const { buyer, id, sku } = await paidOrder(300)
    const res = await cancel(id, buyer)
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('cancelled')
    expect(res.body.cancelReason).toBe('BUYER_CANCELLED_AFTER_PAYMENT')
    expect(await ledgerKinds(id)).toEqual([
      ['payment', 3700],
      ['refund', 3700],
    ])
    // The sold unit stays sold; it comes back on sale as newly received.
    expect(await stockCounts(sku)).toEqual({ received: 11, available: 10, reserved: 0, sold: 1 })
    expect((await admin('GET', `/v1/admin/members/${buyer}`)).body.pointsBalance).toBe(300)
  })

  it('intercepts it at the warehouse once pushed, and refunds when the interception holds', async () => {
    const { buyer, id } = await paidOrder()
    await pushedToWms(id)
    expect(await wmsState(id)).toBe('pushed')
    const res = await cancel(id, buyer)
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('cancelled')
    expect(res.body.fulfilment).toBe('intercepted')
    expect(await wmsState(id)).toBe('intercepted')
    expect(await ledgerKinds(id)).toEqual([
      ['payment', 4000],
      ['refund', 4000],
    ])
  })

  it('intercepts while picking', async () => {
    const { buyer, id } = await paidOrder()
    const waiting = await pushedToWms<Order>(id)
    expect(waiting.labels.warehouse).toEqual({ en: 'To pick', zh: '待拣货' })
    const picking = await api<Order>('POST', `/v1/warehouse/orders/${id}/picking`, {
      token: await token('warehouse', 'wh-1'),
    })
    expect(picking.body.fulfilment).toBe('picking')
    expect(picking.body.labels.warehouse).toEqual({ en: 'Packing', zh: '打包中' })
    expect(picking.body.labels.buyer.en).toBe('To ship')
    expect((await cancel(id, buyer)).body.status).toBe('cancelled')
  })

  it('answers 409 INTERCEPT_FAILED when the goods already left, and the order goes on', async () => {
    const { buyer, id } = await paidOrder()
    await pushedToWms(id)
    // The WMS shipped before the order heard of it.
    await wmsAdapter(env).advance(id, 'outbound', { carrier: 'SF', trackingNumber: 'SF1' })
    const res = await cancel(id, buyer)
    expect(res.status).toBe(409)
    expect(res.body.error?.code).toBe('INTERCEPT_FAILED')
    const order = await readOrder<Order>(id)
    expect(order.status).toBe('pending_shipment')
    expect(order.fulfilment).toBe('outbound')
    expect(await ledgerKinds(id)).toEqual([['payment', 4000]])
  })

  it('ships through the warehouse routes, after which a cancel is refused', async () => {
    const { buyer, id } = await paidOrder()
    await pushedToWms(id)
    const wh = await token('warehouse', 'wh-1')
    await api('POST', `/v1/warehouse/orders/${id}/picking`, { token: wh })
    const out = await api<Order>('POST', `/v1/warehouse/orders/${id}/outbound`, {
      token: wh,
      body: { carrier: 'JD', trackingNumber: 'JD77' },
    })
    expect(out.body.status).toBe('pending_receipt')
    expect(out.body.shipment).toEqual({ carrier: 'JD', trackingNumber: 'JD77' })
    expect((await cancel(id, buyer)).status).toBe(409)
  })
})

describe('changing the address', () => {
  it('is allowed before outbound (the WMS is told) and refused with 409 after', async () => {
    const { buyer, id } = await paidOrder()
    await pushedToWms(id)
    const moved = { ...address, city: 'Hangzhou', line1: '5 West Lake Road' }
    const res = await api<Order>('PATCH', `/v1/orders/${id}/address`, {
      token: await token('buyer', buyer),
      body: moved,
    })
    expect(res.status).toBe(200)
    expect(res.body.address.city).toBe('Hangzhou')
    const { results } = await env.DB.prepare('SELECT * FROM sandbox_wms_orders WHERE order_id = ?')
      .bind(id)
      .all()
    expect(JSON.stringify(results[0])).toContain('Hangzhou')
    await api('POST', `/v1/warehouse/orders/${id}/outbound`, {
      token: await token('warehouse', 'w'),
      body: { carrier: 'SF', trackingNumber: 'S1' },
    })
    const late = await api<{ error: { code: string } }>('PATCH', `/v1/orders/${id}/address`, {
      token: await token('buyer', buyer),
      body: address,
    })
    expect(late.status).toBe(409)
  })
})
