import { SELF } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { log } from '../../src/http/log'
import { resetMeters, snapshot } from '../../src/metering/meters'
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

  it('count the log lines production would write at info, whatever LOG_LEVEL says', () => {
    resetMeters()
    const quietBench = { METERS: 'on', LOG_LEVEL: 'silent' }
    log(quietBench, 'info', 'request', {})
    log(quietBench, 'error', 'request failed', {})
    log(quietBench, 'debug', 'detail', {})
    log({ LOG_LEVEL: 'silent' }, 'info', 'request', {})
    expect(snapshot().logLines).toBe(2)
  })
})
