import { SELF } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { orderCenterClient } from '../../client'
import savedDocument from '../../client/openapi.json?raw'
import savedTypes from '../../client/schema.d.ts?raw'
import { address, createSku, createStore } from '../support/catalog'
import { couponTemplate, issue } from '../support/checkout'
import { token } from '../support/http'
import { uid } from '../support/ids'

const stale = 'client/ is stale: run npm run gen:client and commit client/'
const base = 'http://order-center.test'
const viaWorker = (request: Request) => SELF.fetch(request)

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

describe('the generated client', () => {
  it('was generated from the document the Worker serves now', async () => {
    const served = await (await SELF.fetch('http://x/openapi.json')).json()
    expect(JSON.parse(savedDocument), stale).toEqual(served)
    const stamp = savedTypes.match(/sha256 ([0-9a-f]{64})/)?.[1]
    expect(stamp, stale).toBe(await sha256(savedDocument))
  })

  it('drives the tour: quote, place, pay, ship, receive, history', async () => {
    const store = await createStore()
    const tea = await createSku({ storeId: store, price: 10000 })
    const pot = await createSku({ storeId: store, price: 20000 })
    const buyerId = uid('buyer')
    await issue(
      await couponTemplate({
        benefit: { kind: 'amount_off', amountOff: { amount: 5000, currency: 'CNY' } },
      }),
      buyerId,
    )
    const buyer = orderCenterClient({
      baseUrl: base,
      token: await token('buyer', buyerId),
      fetch: viaWorker,
    })
    const merchant = orderCenterClient({
      baseUrl: base,
      token: await token('merchant', uid('clerk'), store),
      fetch: viaWorker,
    })
    const lines = [
      { skuId: tea, qty: 1 },
      { skuId: pot, qty: 1 },
    ]

    const quoted = await buyer.POST('/v1/checkout/quote', { body: { lines, address } })
    expect(quoted.data?.payable).toEqual({ amount: 25000, currency: 'CNY' })

    const placed = await buyer.POST('/v1/orders', {
      params: { header: { 'idempotency-key': uid('key') } },
      body: { lines, address, expectedPayable: { amount: 25000, currency: 'CNY' } },
    })
    const id = placed.data?.id ?? ''
    expect(placed.data?.status).toBe('pending_payment')

    const session = await buyer.POST('/v1/orders/{id}/payments', { params: { path: { id } } })
    const sessionId = session.data?.sessionId ?? ''
    const paid = await buyer.POST('/v1/sandbox/payments/{sessionId}/complete', {
      params: { path: { sessionId } },
    })
    expect(paid.data?.outcome).toBe('paid')

    const shipped = await merchant.POST('/v1/merchant/orders/{id}/ship', {
      params: { path: { id } },
      body: { carrier: 'SF', trackingNumber: 'SF1234567890' },
    })
    expect(shipped.data?.status).toBe('pending_receipt')
    const received = await buyer.POST('/v1/orders/{id}/confirm-receipt', {
      params: { path: { id } },
    })
    expect(received.data?.status).toBe('completed')

    const history = await buyer.GET('/v1/orders/{id}/history', { params: { path: { id } } })
    expect(history.data?.events.map((e) => e.to)).toEqual([
      'pending_payment',
      'pending_shipment',
      'pending_receipt',
      'completed',
    ])
  })

  it('answers errors in the typed envelope', async () => {
    const anonymous = orderCenterClient({ baseUrl: base, fetch: viaWorker })
    const refused = await anonymous.GET('/v1/orders/{id}', { params: { path: { id: 'ord_x' } } })
    expect(refused.response.status).toBe(401)
    expect(refused.error?.error.code).toBe('UNAUTHENTICATED')
    const sku = await anonymous.GET('/v1/skus/{id}', { params: { path: { id: uid('nosku') } } })
    expect(sku.error?.error.code).toBe('NOT_FOUND')
  })
})
