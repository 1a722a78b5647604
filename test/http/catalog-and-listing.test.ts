import { describe, expect, it } from 'vitest'
import { createSku, createStore } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { type OrderBody, placeOrder, settle } from '../support/orders'

describe('catalog snapshot', () => {
  it('keeps an order as placed when its SKU is repriced or delisted later', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 1000 })
    const buyer = uid('buyer')
    const { body } = await placeOrder(buyer, [{ skuId: sku, qty: 2 }])
    const admin = await token('admin', 'admin-1')
    const repriced = await api<{ price: { amount: number }; version: number; onSale: boolean }>(
      'PATCH',
      `/v1/admin/skus/${sku}`,
      { token: admin, body: { price: { amount: 5000, currency: 'CNY' }, onSale: false } },
    )
    expect(repriced.status).toBe(200)
    expect(repriced.body.price.amount).toBe(5000)
    expect(repriced.body.onSale).toBe(false)
    expect(repriced.body.version).toBe(2)

    const after = await api<OrderBody>('GET', `/v1/orders/${body.id}`, {
      token: await token('buyer', buyer),
    })
    expect(after.body.amounts.payable.amount).toBe(2000)
    expect((after.body.lines as { unitPrice: { amount: number } }[])[0]?.unitPrice.amount).toBe(
      1000,
    )
    const paid = await api<OrderBody>('POST', `/v1/orders/${body.id}/pay`, {
      token: await token('buyer', buyer),
    })
    expect(paid.body.amounts.paid.amount).toBe(2000)

    const again = await placeOrder(buyer, [{ skuId: sku, qty: 1 }])
    expect(again.status).toBe(422)
  })

  it('serves a SKU publicly and refuses a SKU in a currency its store does not sell in', async () => {
    const storeId = await createStore('CNY')
    const sku = await createSku({ storeId, price: 1234 })
    const res = await api<{ price: unknown; orderType: string }>('GET', `/v1/skus/${sku}`)
    expect(res.status).toBe(200)
    expect(res.body.price).toEqual({ amount: 1234, currency: 'CNY' })
    const bad = await api<{ error: { message: string } }>('POST', '/v1/admin/skus', {
      token: await token('admin', 'a'),
      body: { id: uid('sku'), storeId, title: 't', price: { amount: 1, currency: 'USD' } },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toBe('body price.currency: store sells in CNY')
  })
})

describe('order listing from history', () => {
  it("pages a buyer's own orders newest first with a cursor and filters by status", async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 100 })
    const buyer = uid('buyer')
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      const { body } = await placeOrder(buyer, [{ skuId: sku, qty: 1 }])
      ids.push(body.id)
      await new Promise((r) => setTimeout(r, 2))
    }
    await placeOrder(uid('someone-else'), [{ skuId: sku, qty: 1 }])
    await api('POST', `/v1/orders/${ids[0]}/cancel`, { token: await token('buyer', buyer) })
    for (const id of ids) await settle(id)

    const buyerToken = await token('buyer', buyer)
    type Page = { items: { id: string; status: string }[]; nextCursor: string | null }
    const first = await api<Page>('GET', '/v1/orders?limit=2', { token: buyerToken })
    expect(first.body.items.map((o) => o.id)).toEqual([ids[4], ids[3]])
    const second = await api<Page>(`GET`, `/v1/orders?limit=2&cursor=${first.body.nextCursor}`, {
      token: buyerToken,
    })
    expect(second.body.items.map((o) => o.id)).toEqual([ids[2], ids[1]])
    const third = await api<Page>(`GET`, `/v1/orders?limit=2&cursor=${second.body.nextCursor}`, {
      token: buyerToken,
    })
    expect(third.body.items.map((o) => o.id)).toEqual([ids[0]])
    expect(third.body.nextCursor).toBeNull()

    const cancelled = await api<Page>('GET', '/v1/orders?status=cancelled', { token: buyerToken })
    expect(cancelled.body.items.map((o) => [o.id, o.status])).toEqual([[ids[0], 'cancelled']])

    const merchant = await api<Page>('GET', '/v1/orders?limit=100', {
      token: await token('merchant', 'm', storeId),
    })
    expect(merchant.body.items.length).toBeGreaterThanOrEqual(5)

    const badCursor = await api('GET', '/v1/orders?cursor=zzz', { token: buyerToken })
    expect(badCursor.status).toBe(400)
  })
})

describe('process tables over HTTP', () => {
  it('serves a process as JSON and as a Mermaid diagram', async () => {
    const admin = await token('admin', 'a')
    const json = await api<{
      initial: string
      transitions: { from: string; action: string; to: string }[]
    }>('GET', '/v1/admin/processes/presale', { token: admin })
    expect(json.status).toBe(200)
    expect(json.body.initial).toBe('pending_deposit')
    expect(json.body.transitions[0]).toMatchObject({
      from: 'pending_deposit',
      action: 'pay_deposit',
      to: 'pending_balance',
    })
    const mermaid = await api<string>('GET', '/v1/admin/processes/physical?format=mermaid', {
      token: admin,
    })
    expect(mermaid.status).toBe(200)
    expect(mermaid.body.startsWith('stateDiagram-v2\n  [*] --> pending_payment\n')).toBe(true)
    const unknown = await api('GET', '/v1/admin/processes/teleport', { token: admin })
    expect(unknown.status).toBe(400)
  })

  it('serves the after-sale machines like the order types', async () => {
    const service = await token('service', 'cs')
    const refund = await api<{
      type: string
      family: string
      initial: string
      states: string[]
      terminal: string[]
      transitions: { from: string; action: string; to: string; roles: string[] }[]
      timers: { state: string; kind: string; action: string; duration: string }[]
    }>('GET', '/v1/admin/processes/refund_only', { token: service })
    expect(refund.status).toBe(200)
    expect(refund.body.type).toBe('refund_only')
    expect(refund.body.family).toBe('after_sale')
    expect(refund.body.initial).toBe('pending_review')
    expect(refund.body.states).toEqual([
      'pending_review',
      'pending_refund',
      'succeeded',
      'rejected',
      'closed',
    ])
    expect(refund.body.transitions).toContainEqual({
      from: 'pending_review',
      action: 'approve',
      to: 'pending_refund',
      roles: ['merchant', 'service', 'admin'],
      guard: null,
    })
    expect(refund.body.timers).toEqual([
      {
        state: 'pending_review',
        kind: 'merchant_review',
        action: 'auto_approve',
        duration: 'MERCHANT_REVIEW_SECONDS',
      },
    ])
    const exchange = await api<{ transitions: { action: string; guard: string | null }[] }>(
      'GET',
      '/v1/admin/processes/exchange',
      { token: service },
    )
    expect(exchange.status).toBe(200)
    expect(exchange.body.transitions.find((t) => t.action === 'expire_return')?.guard).toBe(
      'return_not_shipped',
    )
    const mermaid = await api<string>('GET', '/v1/admin/processes/return_refund?format=mermaid', {
      token: service,
    })
    expect(mermaid.status).toBe(200)
    expect(mermaid.body).toContain('  [*] --> pending_review\n')
    expect(mermaid.body).toContain('  pending_return --> pending_refund : receive_return\n')
    expect(mermaid.body).toContain(
      '  note right of pending_return : expire_return after RETURN_SHIP_SECONDS\n',
    )
    const order = await api<{ family: string }>('GET', '/v1/admin/processes/virtual', {
      token: service,
    })
    expect(order.body.family).toBe('order')
  })

  it('publishes an OpenAPI document', async () => {
    const spec = await api<{ openapi: string; paths: Record<string, unknown> }>(
      'GET',
      '/openapi.json',
    )
    expect(spec.status).toBe(200)
    expect(spec.body.openapi).toBe('3.1.0')
    expect(Object.keys(spec.body.paths)).toContain('/v1/orders/{id}/history')
    const health = await api<{ status: string }>('GET', '/v1/health')
    expect(health.body.status).toBe('ok')
  })
})
