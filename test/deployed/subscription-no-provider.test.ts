import { describe, expect, it } from 'vitest'
import { createSku, createStore } from '../support/catalog'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { subscribe } from '../support/subscriptions'

// Runs with what wrangler.toml deploys: no PAYMENT_PROVIDER, so nothing can renew.

describe('subscriptions on a deployment without PAYMENT_PROVIDER', () => {
  it('refuses to subscribe with 503 and keeps nothing of the attempt', async () => {
    const storeId = await createStore()
    const sku = await createSku({ storeId, price: 1000 })
    const buyer = uid('buyer')
    const created = await subscribe(buyer, {
      storeId,
      lines: [{ skuId: sku, qty: 1 }],
      pricePerCycle: 1000,
    })
    expect(created.status).toBe(503)
    expect(created.body).toMatchObject({ error: { code: 'PAYMENT_PROVIDER_NOT_CONFIGURED' } })
    const mine = await api<{ items: unknown[] }>('GET', '/v1/subscriptions', {
      token: await token('buyer', buyer),
    })
    expect(mine.body.items).toEqual([])
  })
})
