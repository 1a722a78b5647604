import { env, listDurableObjectIds, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { wmsAdapter } from '../../src/adapters/wms-provider'
import { address, createSku, createStore, createWarehouse, stockSku } from '../support/catalog'
import { admin } from '../support/checkout'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import {
  type OrderBody,
  orderActor,
  placeOrder,
  pushedToWms,
  readOrder,
  settle,
} from '../support/orders'
import { cny } from '../support/pricing'

type Order = OrderBody & { fulfilment: string; shipment: unknown; address: { region: string } }
type Refusal = { error: { code: string; message: string; details?: Record<string, unknown> } }

const codeOf = (body: unknown) => (body as Refusal).error?.code

async function paidOrder(storeId?: string) {
  const store = storeId ?? (await createStore())
  const sku = await createSku({ storeId: store, price: 4000, stock: 10 })
  const buyer = uid('buyer')
  const placed = await placeOrder(buyer, [{ skuId: sku, qty: 1 }])
  expect(placed.status).toBe(201)
  const id = placed.body.id
  const paid = await api('POST', `/v1/orders/${id}/pay`, { token: await token('buyer', buyer) })
  expect(paid.status).toBe(200)
  return { buyer, id, sku, storeId: store }
}

const moveTo = async (id: string, buyer: string, to: Record<string, string>) =>
  api<Refusal>('PATCH', `/v1/orders/${id}/address`, {
    token: await token('buyer', buyer),
    body: { ...address, ...to },
  })

describe('a placement that would fan out', () => {
  it('is refused 422 TOO_MANY_PACKAGES before any order actor exists', async () => {
    const storeId = await createStore()
    // 40 kg a unit: over the 30 kg carrier limit, so every unit ships alone.
    const sku = await createSku({ storeId, price: 100, stock: 100, weightGrams: 40_000 })
    const before = (await listDurableObjectIds(env.ORDER_ACTOR)).length
    const res = await placeOrder(uid('hoarder'), [{ skuId: sku, qty: 51 }])
    expect(res.status).toBe(422)
    expect(res.body).toEqual({
      error: {
        code: 'TOO_MANY_PACKAGES',
        message: 'lines: the cart would ship as 51 packages; at most 50',
        details: { field: 'lines', kind: 'too_many', packages: 51, cap: 50 },
      },
    })
    expect((await listDurableObjectIds(env.ORDER_ACTOR)).length).toBe(before)
  })
})

describe('changing the address runs the placement checks again', () => {
  it('refuses a blacklisted phone with 403', async () => {
    const { buyer, id } = await paidOrder()
    const phone = `+86 137 ${Math.floor(Math.random() * 1e8)}`
    await admin('POST', '/v1/admin/blacklist', { kind: 'phone', phone })
    const res = await moveTo(id, buyer, { phone })
    expect(res.status).toBe(403)
    expect(codeOf(res.body)).toBe('BUYER_BLOCKED')
  })

  it('refuses a region no warehouse serves with 422, and one no freight rule covers', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 4000, stock: 0 })
    await stockSku(sku, await createWarehouse([{ region: 'CN-31', priority: 0 }]), 10)
    const buyer = uid('buyer')
    const placed = await placeOrder(buyer, [{ skuId: sku, qty: 1 }])
    expect(placed.status).toBe(201)
    const far = await moveTo(placed.body.id, buyer, { region: 'US-CA' })
    expect(far.status).toBe(422)
    expect(far.body.error).toMatchObject({
      code: 'ADDRESS_OUT_OF_REGION',
      details: { field: 'address.region', region: 'US-CA', skuId: sku },
    })
    const ruled = await createStore()
    const rule = {
      regions: ['CN-31'],
      firstWeightGrams: 1000,
      firstWeightPrice: cny(0),
      stepGrams: 500,
      stepPrice: cny(0),
    }
    await admin('PUT', `/v1/admin/freight-templates/${uid('fr')}`, {
      storeId: ruled,
      rules: [rule],
    })
    const other = await paidOrder(ruled)
    const unruled = await moveTo(other.id, other.buyer, { region: 'CN-65' })
    expect(unruled.status).toBe(422)
    expect(codeOf(unruled.body)).toBe('ADDRESS_OUT_OF_REGION')
    expect((await readOrder<Order>(other.id)).address.region).toBe('CN-31')
  })

  it('refuses a move that would change the freight with 409 ADDRESS_CHANGE_NEEDS_REQUOTE', async () => {
    const storeId = await createStore()
    const free = {
      regions: ['CN-31'],
      firstWeightGrams: 1000,
      firstWeightPrice: cny(0),
      stepGrams: 500,
      stepPrice: cny(0),
    }
    const dear = { ...free, regions: ['CN-65'], firstWeightPrice: cny(29900) }
    await admin('PUT', `/v1/admin/freight-templates/${uid('fr')}`, { storeId, rules: [free, dear] })
    const { buyer, id } = await paidOrder(storeId)
    const res = await moveTo(id, buyer, { region: 'CN-65' })
    expect(res.status).toBe(409)
    expect(res.body.error).toMatchObject({
      code: 'ADDRESS_CHANGE_NEEDS_REQUOTE',
      details: { field: 'address', freight: 29900, priced: 0 },
    })
  })
})

describe('a cancel racing the outbound scan', () => {
  it('ships when the scan comes first, and the cancel is refused', async () => {
    const { buyer, id } = await paidOrder()
    await pushedToWms(id)
    const out = await api<Order>('POST', `/v1/warehouse/orders/${id}/outbound`, {
      token: await token('warehouse', 'wh-1'),
      body: { carrier: 'SF', trackingNumber: 'SF100' },
    })
    expect(out.body.status).toBe('pending_receipt')
    const cancel = await api('POST', `/v1/orders/${id}/cancel`, {
      token: await token('buyer', buyer),
    })
    expect(cancel.status).toBe(409)
    expect((await readOrder<Order>(id)).shipment).toEqual({
      carrier: 'SF',
      trackingNumber: 'SF100',
    })
  })

  it('refuses the scan with 409 while the interception is asked, then ships on the repeated scan', async () => {
    const { buyer, id } = await paidOrder()
    await pushedToWms(id)
    const wh = await token('warehouse', 'wh-1')
    // The goods leave as the buyer cancels: the interception will find them gone.
    await wmsAdapter(env).advance(id, 'outbound', { carrier: 'SF', trackingNumber: 'SF200' })
    await runInIntercepting(id, buyer, async () => {
      const scan = await api<Refusal>('POST', `/v1/warehouse/orders/${id}/outbound`, {
        token: wh,
        body: { carrier: 'SF', trackingNumber: 'SF200' },
      })
      expect(scan.status).toBe(409)
      expect(scan.body.error.details).toMatchObject({ state: 'intercepting', retry: true })
    })
    await settle(id)
    expect((await readOrder<Order>(id)).status).toBe('pending_shipment')
    const again = await api<Order>('POST', `/v1/warehouse/orders/${id}/outbound`, {
      token: wh,
      body: { carrier: 'SF', trackingNumber: 'SF200' },
    })
    expect(again.status).toBe(200)
    expect(again.body.status).toBe('pending_receipt')
    expect(again.body.shipment).toEqual({ carrier: 'SF', trackingNumber: 'SF200' })
  })
})

type Runner = { runEffects: () => Promise<{ done: number; pending: number }> }

/** Holds the actor's side effects back (the interception stays unasked) while `fn` runs. */
async function runInIntercepting(id: string, buyer: string, fn: () => Promise<void>) {
  const stub = orderActor(id)
  let original: Runner['runEffects'] | undefined
  await runInDurableObject(stub, (instance: unknown) => {
    const actor = instance as Runner
    original = actor.runEffects.bind(actor)
    actor.runEffects = async () => ({ done: 0, pending: 1 })
  })
  const cancel = await api<Order>('POST', `/v1/orders/${id}/cancel`, {
    token: await token('buyer', buyer),
  })
  expect(cancel.body.status).toBe('intercepting')
  await fn()
  await runInDurableObject(stub, (instance: unknown) => {
    if (original) (instance as Runner).runEffects = original
  })
  await stub.runEffects()
}

describe('reusing an Idempotency-Key', () => {
  it('with a body that no longer prices, or another expected payable, answers 409', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 1000, stock: 5 })
    const off = await createSku({ storeId, price: 1000, stock: 5, onSale: false })
    const buyer = uid('buyer')
    const key = uid('key')
    expect((await placeOrder(buyer, [{ skuId: sku, qty: 1 }], key)).status).toBe(201)
    const unpriced = await placeOrder(buyer, [{ skuId: off, qty: 1 }], key)
    expect(unpriced.status).toBe(409)
    expect(codeOf(unpriced.body)).toBe('IDEMPOTENCY_KEY_REUSED')
    const expecting = await api('POST', '/v1/orders', {
      token: await token('buyer', buyer),
      headers: { 'Idempotency-Key': key },
      body: { lines: [{ skuId: sku, qty: 1 }], address, expectedPayable: cny(1) },
    })
    expect(expecting.status).toBe(409)
    expect(codeOf(expecting.body)).toBe('IDEMPOTENCY_KEY_REUSED')
  })
})

describe('a split parent over two stores', () => {
  async function twoStores() {
    const [storeA, storeB] = [await createStore(), await createStore()]
    const a = await createSku({ storeId: storeA, price: 1000, stock: 10 })
    const b = await createSku({ storeId: storeB, price: 3000, stock: 10 })
    const buyer = uid('buyer')
    const placed = await placeOrder(buyer, [
      { skuId: a, qty: 2 },
      { skuId: b, qty: 1 },
    ])
    expect(placed.body.status).toBe('split')
    return { storeA, storeB, buyer, id: placed.body.id }
  }

  it("shows a merchant only its own store's lines, amounts, packages and events", async () => {
    const { storeA, storeB, id } = await twoStores()
    const merchantA = await token('merchant', 'ma', storeA)
    type Scoped = Order & { lines: { storeId: string }[]; children: { storeId: string }[] }
    const seen = await api<Scoped>('GET', `/v1/orders/${id}`, { token: merchantA })
    expect(seen.status).toBe(200)
    expect(seen.body.lines.map((l) => l.storeId)).toEqual([storeA])
    expect(seen.body.children.map((c) => c.storeId)).toEqual([storeA])
    expect(seen.body.amounts.items).toEqual(cny(2000))
    expect(seen.body.amounts.payable).toEqual(cny(2000))
    const history = await api<{ events: { payload: Record<string, unknown> }[] }>(
      'GET',
      `/v1/orders/${id}/history`,
      { token: merchantA },
    )
    expect(history.status).toBe(200)
    expect(JSON.stringify(history.body)).not.toContain(storeB)
    expect(JSON.stringify(history.body)).not.toContain('5000')
  })

  it('shows what its merged payment paid, in the actor and in the lists', async () => {
    const { buyer, id } = await twoStores()
    const paid = await api<Order>('POST', `/v1/orders/${id}/pay`, {
      token: await token('buyer', buyer),
    })
    expect(paid.body.amounts.paid).toEqual(cny(5000))
    const children = (paid.body as unknown as { children: { id: string }[] }).children
    for (const child of children) await settle(child.id)
    await settle(id)
    expect((await readOrder<Order>(id)).amounts.paid).toEqual(cny(5000))
    const row = await env.DB.prepare('SELECT paid_amount FROM orders WHERE id = ?').bind(id).first()
    expect(row).toEqual({ paid_amount: 5000 })
  })
})

describe('an order that is changed over and over', () => {
  it('serves its history a page at a time', async () => {
    const { buyer, id } = await paidOrder()
    await pushedToWms(id)
    const all = await api<{ events: { seq: number }[]; nextCursor: string | null }>(
      'GET',
      `/v1/orders/${id}/history`,
      { token: await token('buyer', buyer) },
    )
    const seqs = all.body.events.map((e) => e.seq)
    expect(seqs.length).toBeGreaterThan(2)
    expect(all.body.nextCursor).toBeNull()
    const first = await api<{ events: { seq: number }[]; nextCursor: string | null }>(
      'GET',
      `/v1/orders/${id}/history?limit=2`,
      { token: await token('buyer', buyer) },
    )
    expect(first.body.events.map((e) => e.seq)).toEqual(seqs.slice(0, 2))
    expect(first.body.nextCursor).toBe(String(seqs[1]))
    const rest = await api<{ events: { seq: number }[]; nextCursor: string | null }>(
      'GET',
      `/v1/orders/${id}/history?limit=200&cursor=${first.body.nextCursor}`,
      { token: await token('buyer', buyer) },
    )
    expect(rest.body.events.map((e) => e.seq)).toEqual(seqs.slice(2))
    expect(rest.body.nextCursor).toBeNull()
  })

  it('refuses the eleventh address change with 429', async () => {
    const { buyer, id } = await paidOrder()
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      statuses.push((await moveTo(id, buyer, { line1: `${i + 1} Century Avenue` })).status)
    }
    expect(statuses).toEqual([...Array(10).fill(200), 429])
  })
})
