import { env } from 'cloudflare:test'
import { sign } from 'hono/jwt'
import { describe, expect, it } from 'vitest'
import { address, createSku, createStore } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { placeOrder } from '../support/orders'

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> }
}

async function post(path: string, body: unknown, extra: Record<string, string> = {}) {
  return api<ErrorBody>('POST', path, {
    token: await token('buyer', 'buyer-errors'),
    headers: { 'Idempotency-Key': uid('key'), ...extra },
    body,
  })
}

describe('bad requests get a 4xx envelope naming the field', () => {
  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await api<ErrorBody>('POST', '/v1/orders', {
      token: await token('buyer', 'b'),
      headers: { 'Idempotency-Key': uid('key') },
      rawBody: '{"lines": [',
    })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('MALFORMED_JSON')
  })

  it('answers a wrong type with 400 and the field path', async () => {
    const res = await post('/v1/orders', { lines: [{ skuId: 'a', qty: 'two' }], address })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    expect(res.body.error.message).toMatch(/^json lines\.0\.qty: /)
  })

  it('answers an unknown field with 400 naming it', async () => {
    const res = await post('/v1/orders', { lines: [{ skuId: 'a', qty: 1 }], address, price: 1 })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/^json price: /)
  })

  it('answers a missing required field with 400 naming it', async () => {
    const res = await post('/v1/orders', { lines: [{ skuId: 'a', qty: 1 }] })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/^json address: /)
  })

  it('answers a negative or huge quantity with 400', async () => {
    for (const qty of [0, -1, 1e9, 1.5]) {
      const res = await post('/v1/orders', { lines: [{ skuId: 'a', qty }], address })
      expect(res.status).toBe(400)
      expect(res.body.error.message).toMatch(/^json lines\.0\.qty: /)
    }
  })

  it('answers a missing Idempotency-Key with 400', async () => {
    const res = await api<ErrorBody>('POST', '/v1/orders', {
      token: await token('buyer', 'b'),
      body: { lines: [{ skuId: 'a', qty: 1 }], address },
    })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/^header idempotency-key: /)
  })

  it('answers a body over the limit with 413', async () => {
    const res = await post('/v1/orders', {
      lines: [{ skuId: 'a', qty: 1 }],
      address,
      note: 'x'.repeat(70_000),
    })
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('answers an unknown route with a JSON 404', async () => {
    const res = await api<ErrorBody>('GET', '/v1/nothing-here')
    expect(res.status).toBe(404)
    expect(res.body).toEqual({
      error: { code: 'NOT_FOUND', message: 'no route GET /v1/nothing-here' },
    })
  })

  it('answers a SKU that is not on sale with 422 naming the line', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 100, onSale: false })
    const res = await post('/v1/orders', { lines: [{ skuId: sku, qty: 1 }], address })
    expect(res.status).toBe(422)
    expect(res.body.error).toEqual({
      code: 'SKU_NOT_ON_SALE',
      message: `lines.0.skuId: ${sku} is not on sale`,
      details: { field: 'lines.0.skuId', skuId: sku },
    })
  })
})

describe('authentication and visibility', () => {
  it('answers no token, a forged token and an expired token with 401', async () => {
    const forged = await sign({ sub: 'x', role: 'admin' }, 'not-the-secret', 'HS256')
    const expired = await sign({ sub: 'x', role: 'buyer', exp: 1000 }, env.JWT_SECRET, 'HS256')
    for (const t of [undefined, forged, expired, 'garbage']) {
      const res = await api<ErrorBody>('GET', '/v1/orders', t ? { token: t } : {})
      expect(res.status).toBe(401)
      expect(res.body.error.code).toBe('UNAUTHENTICATED')
    }
  })

  it('answers a role a route does not admit with 403', async () => {
    const res = await api<ErrorBody>('PUT', '/v1/admin/stores/s1', {
      token: await token('buyer', 'b'),
      body: { name: 'x', currency: 'CNY' },
    })
    expect(res.status).toBe(403)
  })

  it("answers a buyer reading someone else's order with 404, and a merchant of another store too", async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 100 })
    const { body } = await placeOrder(uid('owner'), [{ skuId: sku, qty: 1 }])
    const other = await api<ErrorBody>('GET', `/v1/orders/${body.id}`, {
      token: await token('buyer', 'intruder'),
    })
    expect(other.status).toBe(404)
    expect(other.body.error.code).toBe('NOT_FOUND')
    const cancel = await api<ErrorBody>('POST', `/v1/orders/${body.id}/cancel`, {
      token: await token('buyer', 'intruder'),
    })
    expect(cancel.status).toBe(404)
    const merchant = await api('GET', `/v1/orders/${body.id}`, {
      token: await token('merchant', 'm', 'another-store'),
    })
    expect(merchant.status).toBe(404)
    const own = await api('GET', `/v1/orders/${body.id}`, {
      token: await token('merchant', 'm', storeId),
    })
    expect(own.status).toBe(200)
  })

  it('answers a made-up order id with 404 without waking an actor', async () => {
    const buyer = await token('buyer', 'b')
    for (const id of ['ord_aaaaaaaaaaaaaaaaaaaaaaaaaa', 'nonsense', 'ord_%00']) {
      const res = await api<ErrorBody>('GET', `/v1/orders/${encodeURIComponent(id)}`, {
        token: buyer,
      })
      expect(res.status).toBe(404)
    }
  })
})

describe('idempotent placement', () => {
  it('returns the first order for a retried key, and 409 for the same key with another body', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 100 })
    const buyer = uid('buyer')
    const key = uid('key')
    const first = await placeOrder(buyer, [{ skuId: sku, qty: 1 }], key)
    const again = await placeOrder(buyer, [{ skuId: sku, qty: 1 }], key)
    expect(again.status).toBe(201)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect(again.body.id).toBe(first.body.id)
    expect(again.body.createdAt).toBe(first.body.createdAt)
    const other = await placeOrder(buyer, [{ skuId: sku, qty: 2 }], key)
    expect(other.status).toBe(409)
    expect((other.body as unknown as ErrorBody).error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    const otherBuyer = await placeOrder(uid('buyer'), [{ skuId: sku, qty: 1 }], key)
    expect(otherBuyer.body.id).not.toBe(first.body.id)
  })

  it('answers an illegal action with 409 naming the state and the action', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 100 })
    const buyer = uid('buyer')
    const { body } = await placeOrder(buyer, [{ skuId: sku, qty: 1 }])
    const res = await api<ErrorBody>('POST', `/v1/orders/${body.id}/confirm-receipt`, {
      token: await token('buyer', buyer),
    })
    expect(res.status).toBe(409)
    expect(res.body.error).toEqual({
      code: 'ILLEGAL_TRANSITION',
      message: 'action confirm_receipt is not allowed in state pending_payment',
      details: { state: 'pending_payment', action: 'confirm_receipt', type: 'physical' },
    })
  })
})
