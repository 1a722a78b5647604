import { SELF } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { orderActor } from '../support/orders'

describe('bench meters', () => {
  it('answer 404 and count nothing unless METERS=on', async () => {
    const res = await SELF.fetch('https://edge.test/__bench/meters')
    expect(res.status).toBe(404)
    const reset = await SELF.fetch('https://edge.test/__bench/meters', { method: 'DELETE' })
    expect(reset.status).toBe(404)
    expect(await orderActor('ord_meters_off').meterFootprint()).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })
  })
})
