import { afterEach, describe, expect, it } from 'vitest'
import { address, createSku, createStore, stockCounts } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { type OrderBody, settle } from '../support/orders'
import { clearStockAlarms } from '../support/stock'

afterEach(clearStockAlarms)

interface ErrorBody {
  error: { code: string; message: string; details: { issues: { field: string }[] } }
}

interface SearchPage {
  items: {
    id: string
    channel: string | null
    delivery: string | null
    invoice: string | null
  }[]
}

const companyInvoice = {
  type: 'company',
  title: 'Acme Trading Co., Ltd.',
  taxId: '91310000MA1FL8XQ3C',
  email: 'ap@acme.example',
}

async function place(buyer: string, skuId: string, extra: Record<string, unknown> = {}) {
  return api<OrderBody>('POST', '/v1/orders', {
    token: await token('buyer', buyer),
    headers: { 'Idempotency-Key': uid('key') },
    body: { lines: [{ skuId, qty: 1 }], address, ...extra },
  })
}

async function search(query: string): Promise<SearchPage['items']> {
  const res = await api<SearchPage>('GET', `/v1/admin/orders?${query}`, {
    token: await token('admin', 'admin-1'),
  })
  expect(res.status).toBe(200)
  return res.body.items
}

describe('order attributes', () => {
  it('keeps channel, delivery and invoice on the order and shows them in every view', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 4200 })
    const buyer = uid('buyer')
    const attributes = {
      channel: 'mini_program',
      delivery: 'store_pickup',
      invoice: companyInvoice,
    }
    const placed = await place(buyer, sku, attributes)
    expect(placed.status).toBe(201)
    expect(placed.body.attributes).toEqual(attributes)
    expect(placed.body.amounts.payable).toEqual({ amount: 4200, currency: 'CNY' })
    const read = await api<OrderBody>('GET', `/v1/orders/${placed.body.id}`, {
      token: await token('buyer', buyer),
    })
    expect(read.body.attributes).toEqual(attributes)
    const merchant = await api<OrderBody>('GET', `/v1/orders/${placed.body.id}`, {
      token: await token('merchant', 'clerk-1', storeId),
    })
    expect(merchant.body.attributes).toEqual(attributes)
  })

  it('shows null for what the buyer did not say', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 100 })
    const placed = await place(uid('buyer'), sku, { channel: 'pos' })
    expect(placed.body.attributes).toEqual({ channel: 'pos', delivery: null, invoice: null })
  })

  it('projects them to D1, where the admin search filters on them', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 100 })
    const buyer = uid('buyer')
    const a = await place(buyer, sku, { channel: 'app', delivery: 'express' })
    const b = await place(buyer, sku, {
      channel: 'web',
      delivery: 'same_day',
      invoice: { type: 'personal', title: 'Li Lei', email: 'li@example.com' },
    })
    const c = await place(buyer, sku, { channel: 'web', invoice: companyInvoice })
    const d = await place(buyer, sku)
    for (const o of [a, b, c, d]) await settle(o.body.id)
    const ids = async (q: string) => (await search(`userId=${buyer}&${q}`)).map((o) => o.id)
    expect(await ids('channel=web')).toEqual([c.body.id, b.body.id])
    expect(await ids('delivery=express')).toEqual([a.body.id])
    expect(await ids('invoice=requested')).toEqual([c.body.id, b.body.id])
    expect(await ids('invoice=none')).toEqual([d.body.id, a.body.id])
    expect(await ids('channel=web&delivery=same_day&invoice=requested')).toEqual([b.body.id])
    const [row] = await search(`userId=${buyer}&channel=web&invoice=requested&limit=1`)
    expect(row).toMatchObject({ id: c.body.id, channel: 'web', delivery: null, invoice: 'company' })
    const plain = (await search(`userId=${buyer}&invoice=none`)).at(-1)
    expect(plain).toMatchObject({
      id: a.body.id,
      channel: 'app',
      delivery: 'express',
      invoice: null,
    })
  })

  it('gives every child of a split submission the attributes, in its view and in D1', async () => {
    const [storeA, storeB] = [await createStore(), await createStore()]
    const a = await createSku({ storeId: storeA, price: 100 })
    const b = await createSku({ storeId: storeB, price: 200 })
    const buyer = uid('buyer')
    const placed = await api<OrderBody & { children: { id: string }[] }>('POST', '/v1/orders', {
      token: await token('buyer', buyer),
      headers: { 'Idempotency-Key': uid('key') },
      body: {
        lines: [
          { skuId: a, qty: 1 },
          { skuId: b, qty: 1 },
        ],
        address,
        channel: 'api',
        delivery: 'express',
      },
    })
    expect(placed.body.status).toBe('split')
    const childIds = placed.body.children.map((ch) => ch.id)
    expect(childIds).toHaveLength(2)
    for (const id of childIds) {
      const child = await api<OrderBody>('GET', `/v1/orders/${id}`, {
        token: await token('buyer', buyer),
      })
      expect(child.body.attributes).toEqual({ channel: 'api', delivery: 'express', invoice: null })
      await settle(id)
    }
    await settle(placed.body.id)
    const found = (await search(`userId=${buyer}&channel=api`)).map((o) => o.id)
    expect(found.sort()).toEqual([placed.body.id, ...childIds].sort())
  })

  it('refuses a company invoice without a tax id with 400 naming the field, reserving nothing', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 100, stock: 5 })
    const { taxId: _taxId, ...noTaxId } = companyInvoice
    const res = await place(uid('buyer'), sku, { invoice: noTaxId })
    expect(res.status).toBe(400)
    const body = res.body as unknown as ErrorBody
    expect(body.error.code).toBe('VALIDATION_FAILED')
    expect(body.error.message).toBe('json invoice.taxId: a company invoice needs the tax id')
    expect(await stockCounts(sku)).toEqual({ received: 5, available: 5, reserved: 0, sold: 0 })
  })

  it('names the field of every other bad attribute', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 100 })
    const message = async (extra: Record<string, unknown>) =>
      ((await place(uid('buyer'), sku, extra)).body as unknown as ErrorBody).error.message
    expect(await message({ channel: 'fax' })).toContain('json channel:')
    expect(await message({ delivery: 'drone' })).toContain('json delivery:')
    expect(await message({ invoice: { ...companyInvoice, taxId: 'short' } })).toBe(
      'json invoice.taxId: must be 15 to 20 capital letters and digits',
    )
    expect(await message({ invoice: { ...companyInvoice, email: 'nobody' } })).toBe(
      'json invoice.email: must be an email address',
    )
    expect(await message({ invoice: { ...companyInvoice, type: 'personal' } })).toBe(
      'json invoice.taxId: a personal invoice carries no tax id',
    )
    expect(
      await message({ invoice: { type: 'company', title: 'Acme', email: 'a@b.example' } }),
    ).toBe('json invoice.taxId: a company invoice needs the tax id')
  })
})
