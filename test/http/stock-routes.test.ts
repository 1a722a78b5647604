import { env } from 'cloudflare:test'
import { afterEach, describe, expect, it } from 'vitest'
import { reserveFromWarehouses } from '../../durable-objects/stock/client'
import { stockPlansFor } from '../../src/store/inventory'
import { createSku, createStore } from '../support/catalog'
import { api, type Role, token } from '../support/http'
import { uid } from '../support/ids'
import { clearStockAlarms, FAR_LEASE } from '../support/stock'

afterEach(clearStockAlarms)

/** The stock routes as an admin (or another role) calls them. */
async function call(method: string, path: string, body?: unknown, role: Role = 'admin') {
  return api(method, path, { token: await token(role, `${role}-1`), body })
}

async function warehouse(regions: { region: string; priority: number }[]) {
  const id = uid('wh')
  const res = await call('PUT', `/v1/admin/warehouses/${id}`, { name: id, regions })
  expect(res.status).toBe(200)
  return id
}

async function sku() {
  return createSku({ storeId: await createStore(), price: 1000, stock: 0 })
}

describe('stock admin routes', () => {
  it('stocks a SKU over buckets, counts it, receives once per receipt and rebalances', async () => {
    const skuId = await sku()
    const wh = await warehouse([{ region: 'CN-31', priority: 0 }])
    const line = `/v1/admin/stock/${skuId}/${wh}`
    expect((await call('PUT', line, { buckets: 4 })).body).toMatchObject({ buckets: 4 })
    const counted = await call('PUT', line, { onHand: 10 })
    expect(counted.status).toBe(200)
    const available = (b: Record<string, unknown>) =>
      (b.bucketCounts as { available: number }[]).map((c) => c.available)
    expect(available(counted.body)).toEqual([3, 3, 2, 2])
    const receipt = { receiptId: uid('grn'), qty: 6 }
    await call('POST', `${line}/receipts`, receipt)
    const again = await call('POST', `${line}/receipts`, receipt)
    expect(again.body.counts).toEqual({ received: 16, available: 16, reserved: 0, sold: 0 })
    const rebalanced = await call('POST', `${line}/rebalance`, { rebalanceId: uid('rb') })
    expect(available(rebalanced.body)).toEqual([4, 4, 4, 4])
  })

  it('sets a policy and reports stock summed over warehouses', async () => {
    const skuId = await sku()
    const [a, b] = [await warehouse([]), await warehouse([])]
    for (const [wh, onHand] of [
      [a, 5],
      [b, 7],
    ] as const) {
      await call('PUT', `/v1/admin/stock/${skuId}/${wh}`, { buckets: 2 })
      await call('PUT', `/v1/admin/stock/${skuId}/${wh}`, { onHand })
    }
    const policy = { deduction: 'on_pay', perBuyerLimit: 1 }
    expect((await call('PUT', `/v1/admin/stock/${skuId}/policy`, policy)).status).toBe(200)
    const view = await call('GET', `/v1/admin/stock/${skuId}`)
    expect(view.body).toMatchObject({
      skuId,
      ...policy,
      counts: { received: 12, available: 12, reserved: 0, sold: 0 },
    })
  })

  it('refuses to shrink buckets, unknown SKUs and warehouses, and buyers', async () => {
    const skuId = await sku()
    const wh = await warehouse([])
    const line = `/v1/admin/stock/${skuId}/${wh}`
    await call('PUT', line, { buckets: 4 })
    const shrink = await call('PUT', line, { buckets: 2 })
    expect(shrink.status).toBe(409)
    expect(shrink.body.error).toMatchObject({ code: 'CONFLICT', details: { buckets: 4 } })
    expect((await call('PUT', `/v1/admin/stock/${skuId}/nowhere`, { buckets: 1 })).status).toBe(404)
    expect((await call('GET', '/v1/admin/stock/no-such-sku')).status).toBe(404)
    expect((await call('PUT', line, { onHand: -1 })).status).toBe(400)
    expect((await call('GET', `/v1/admin/stock/${skuId}`, undefined, 'buyer')).status).toBe(403)
  })
})

describe('warehouse choice at placement', () => {
  it('tries the warehouses serving the region first, then the fallbacks', async () => {
    const skuId = await sku()
    const near = await warehouse([{ region: 'CN-31', priority: 0 }])
    const far = await warehouse([
      { region: 'CN-11', priority: 0 },
      { region: '*', priority: 1 },
    ])
    for (const wh of [near, far]) {
      await call('PUT', `/v1/admin/stock/${skuId}/${wh}`, { buckets: 1 })
    }
    await call('PUT', `/v1/admin/stock/${skuId}/${far}`, { onHand: 1 })
    const plans = await stockPlansFor(env.DB, [skuId], 'CN-31')
    const plan = plans.get(skuId)
    expect(plan?.warehouses).toEqual([
      { warehouseId: near, buckets: 1 },
      { warehouseId: far, buckets: 1 },
    ])
    expect((await stockPlansFor(env.DB, [skuId], 'US-CA')).get(skuId)?.warehouses).toEqual([
      { warehouseId: far, buckets: 1 },
    ])
    const line = { orderId: uid('o'), userId: 'u1', skuId, qty: 1, leaseUntil: FAR_LEASE }
    const got = await reserveFromWarehouses(env.STOCK_ACTOR, {
      ...line,
      warehouses: plan?.warehouses ?? [],
    })
    expect(got).toEqual({
      ok: true,
      warehouseId: far,
      buckets: 1,
      allocations: [{ bucket: 0, qty: 1 }],
    })
    const next = { ...line, orderId: uid('o'), warehouses: plan?.warehouses ?? [] }
    expect(await reserveFromWarehouses(env.STOCK_ACTOR, next)).toEqual({
      ok: false,
      code: 'SOLD_OUT',
      available: 0,
    })
  })
})
