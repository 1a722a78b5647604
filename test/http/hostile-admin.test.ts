import { describe, expect, it } from 'vitest'
import { merchantStep, openAfterSale, shipBack, shippedOrder } from '../support/after-sales'
import { address, createSku, createStore, defaultWarehouse, stockCounts } from '../support/catalog'
import { admin } from '../support/checkout'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { placeOrder, settle } from '../support/orders'
import { cny } from '../support/pricing'

const asAdmin = async (method: string, path: string, body: unknown) =>
  api(method, path, { token: await token('admin', 'admin-1'), body })

type Refusal = { error: { code: string; message: string; details?: Record<string, unknown> } }
const codeOf = (body: unknown) => (body as Refusal).error?.code

describe('admin writes that would silently change meaning', () => {
  it('refuses a store currency change while its SKUs are priced in the old one', async () => {
    const storeId = await createStore('CNY')
    await createSku({ storeId, price: 100, stock: 0 })
    const res = await asAdmin('PUT', `/v1/admin/stores/${storeId}`, {
      name: 'Renamed',
      currency: 'USD',
    })
    expect(res.status).toBe(409)
    expect(res.body).toEqual({
      error: {
        code: 'CONFLICT',
        message: `body currency: store ${storeId} has SKUs priced in another currency`,
        details: { field: 'currency', storeId },
      },
    })
    const same = await admin('PUT', `/v1/admin/stores/${storeId}`, {
      name: 'Renamed',
      currency: 'CNY',
    })
    expect(same.status).toBe(200)
    const empty = await createStore('CNY')
    expect(
      (await admin('PUT', `/v1/admin/stores/${empty}`, { name: 'x', currency: 'USD' })).status,
    ).toBe(200)
  })

  it('refuses a stock receipt id reused with another quantity, and replays the same one', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 100, stock: 0 })
    const warehouse = await defaultWarehouse()
    await admin('PUT', `/v1/admin/stock/${sku}/${warehouse}`, { buckets: 2, onHand: 0 })
    const path = `/v1/admin/stock/${sku}/${warehouse}/receipts`
    const receiptId = uid('grn')
    expect((await admin('POST', path, { receiptId, qty: 5 })).status).toBe(200)
    expect((await admin('POST', path, { receiptId, qty: 5 })).status).toBe(200)
    const other = await asAdmin('POST', path, { receiptId, qty: 7 })
    expect(other.status).toBe(409)
    expect(other.body).toEqual({
      error: {
        code: 'CONFLICT',
        message: 'body receiptId: already received with qty 5',
        details: { field: 'receiptId', qty: 5 },
      },
    })
    expect(await stockCounts(sku)).toEqual({ received: 5, available: 5, reserved: 0, sold: 0 })
  })
})

describe('blacklist fingerprints', () => {
  it('see through letter digits, street abbreviations and invisible characters', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 100, stock: 10 })
    const digits = `${Math.floor(Math.random() * 1e6)}`.padStart(6, '1')
    await admin('POST', '/v1/admin/blacklist', { kind: 'phone', phone: `555${digits}0100` })
    const street = `${uid('No')} Harbour Road`
    await admin('POST', '/v1/admin/blacklist', {
      kind: 'address',
      address: { region: address.region, city: address.city, line1: street },
    })
    const attempt = async (to: Partial<typeof address>) =>
      api('POST', '/v1/orders', {
        token: await token('buyer', uid('buyer')),
        headers: { 'Idempotency-Key': uid('key') },
        body: { lines: [{ skuId: sku, qty: 1 }], address: { ...address, ...to } },
      })
    const disguised = [
      { phone: `555 ${digits} O1OO` },
      { phone: `555\u200b${digits}\u200b0l00` },
      { line1: street.replace('Road', 'Rd.') },
      { line1: street.replace('Harbour', 'Har\u200bbour') },
    ]
    for (const to of disguised) {
      const res = await attempt(to)
      expect(res.status).toBe(403)
      expect(codeOf(res.body)).toBe('BUYER_BLOCKED')
    }
    expect((await attempt({})).status).toBe(201)
  })
})

describe('after an exchange', () => {
  it('refuses a refund without return on the exchanged unit, but takes the other one', async () => {
    const order = await shippedOrder([4200], 2, 5)
    const opened = await openAfterSale(order.id, order.buyer, 'exchange', [{ lineNo: 1, qty: 1 }])
    const asId = opened.body.id
    await merchantStep(order.id, order.storeId, asId, 'approve')
    await shipBack(order.id, order.buyer, asId)
    await merchantStep(order.id, order.storeId, asId, 'receive')
    await settle(order.id)
    expect((await merchantStep(order.id, order.storeId, asId, 'send-exchange')).status).toBe(200)
    const both = await openAfterSale(order.id, order.buyer, 'refund_only', [{ lineNo: 1, qty: 2 }])
    expect(both.status).toBe(409)
    expect(both.body.error?.message).toBe(
      'line 1: 1 units were exchanged; return them for a refund',
    )
    const other = await openAfterSale(order.id, order.buyer, 'refund_only', [{ lineNo: 1, qty: 1 }])
    expect(other.status).toBe(201)
  })
})

describe('freight arithmetic', () => {
  it('answers 422 when a template would price a cart past the largest charge', async () => {
    const storeId = await createStore()
    const rule = {
      regions: ['CN-31'],
      firstWeightGrams: 1,
      firstWeightPrice: cny(0),
      stepGrams: 1,
      stepPrice: cny(100_000_000_000),
    }
    await admin('PUT', `/v1/admin/freight-templates/${uid('fr')}`, { storeId, rules: [rule] })
    const sku = await createSku({ storeId, price: 100, stock: 10, weightGrams: 50_000 })
    const res = await placeOrder(uid('buyer'), [{ skuId: sku, qty: 2 }])
    expect(res.status).toBe(422)
    expect((res.body as unknown as Refusal).error.details).toMatchObject({
      reason: 'FREIGHT_OUT_OF_RANGE',
    })
  })
})
