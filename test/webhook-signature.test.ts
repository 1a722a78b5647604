import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { secretKeyBytes, sign, timingSafeEqual, verify } from '../src/adapters/webhook-signature'

// The example of the Standard Webhooks specification, so the scheme is checked against an
// outside implementation and not only against itself.
const specSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const specId = 'msg_p5jXN8AQM9LWM0D4loKWxJek'
const specTimestamp = 1614265330
const specBody = '{"test": 2432232314}'
const specSignature = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='

const id = 'evt_fixed'
const ts = 1_700_000_000
const body = '{"a":1}'

/** HMAC-SHA256 straight from WebCrypto, sharing no code with the module under test. */
async function referenceSignature(keyBytes: Uint8Array, content: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    keyBytes,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(content)),
  )
  return `v1,${btoa(String.fromCharCode(...mac))}`
}

describe('sign', () => {
  it('reproduces the Standard Webhooks example signature', async () => {
    expect(await sign(specSecret, specId, specTimestamp, specBody)).toEqual({
      'webhook-id': specId,
      'webhook-timestamp': '1614265330',
      'webhook-signature': specSignature,
    })
  })

  it('matches HMAC-SHA256 over id.timestamp.body with the base64-decoded key', async () => {
    const key = Uint8Array.from(atob('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'), (c) => c.charCodeAt(0))
    const expected = await referenceSignature(key, `${id}.${ts}.${body}`)
    expect((await sign(specSecret, id, ts, body))['webhook-signature']).toBe(expected)
  })

  it('keys a secret that is not base64 with the UTF-8 bytes after whsec_', async () => {
    expect(env.WEBHOOK_SECRET).toBe('whsec_test-webhook-secret')
    const expected = await referenceSignature(
      new TextEncoder().encode('test-webhook-secret'),
      `${id}.${ts}.${body}`,
    )
    expect(expected).toBe('v1,87lnPaTX2QVV1Skt68ipEO2Nfcc0p9cFxoG+IKBx6LM=')
    expect((await sign(env.WEBHOOK_SECRET, id, ts, body))['webhook-signature']).toBe(expected)
  })

  it('refuses a timestamp that is not whole unix seconds', async () => {
    await expect(sign(specSecret, id, 1.5, body)).rejects.toThrow(RangeError)
    await expect(sign(specSecret, id, -1, body)).rejects.toThrow(RangeError)
  })
})

describe('secretKeyBytes', () => {
  it('decodes base64, falls back to UTF-8, and refuses an empty key', () => {
    expect([...secretKeyBytes('whsec_AAEC/w==')]).toEqual([0, 1, 2, 255])
    expect([...secretKeyBytes('AAEC/w==')]).toEqual([0, 1, 2, 255])
    expect([...secretKeyBytes('whsec_ab-c')]).toEqual([97, 98, 45, 99])
    expect(() => secretKeyBytes('whsec_')).toThrow(RangeError)
  })
})

describe('verify', () => {
  it('accepts the example at its own time and at either edge of the tolerance', async () => {
    const headers = await sign(specSecret, specId, specTimestamp, specBody)
    for (const now of [specTimestamp, specTimestamp - 300, specTimestamp + 300]) {
      expect(await verify(specSecret, headers, specBody, now)).toEqual({ ok: true })
    }
  })

  it('refuses a tampered body and a wrong secret', async () => {
    const headers = await sign(env.WEBHOOK_SECRET, id, ts, body)
    expect(await verify(env.WEBHOOK_SECRET, headers, '{"a":2}', ts)).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    })
    expect(await verify(specSecret, headers, body, ts)).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    })
  })

  it('refuses a timestamp six minutes old or six minutes ahead', async () => {
    const headers = await sign(env.WEBHOOK_SECRET, id, ts, body)
    const stale = { ok: false, reason: 'STALE_TIMESTAMP' }
    expect(await verify(env.WEBHOOK_SECRET, headers, body, ts + 360)).toEqual(stale)
    expect(await verify(env.WEBHOOK_SECRET, headers, body, ts - 360)).toEqual(stale)
    expect(await verify(env.WEBHOOK_SECRET, headers, body, ts + 301)).toEqual(stale)
    expect(await verify(env.WEBHOOK_SECRET, headers, body, ts + 360, 600)).toEqual({ ok: true })
  })

  it('passes when any one of several signatures matches', async () => {
    const good = (await sign(env.WEBHOOK_SECRET, id, ts, body))['webhook-signature']
    const forged = 'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(ts),
      'webhook-signature': `${forged} v1a,${good.slice(3)} ${good}`,
    }
    expect(await verify(env.WEBHOOK_SECRET, headers, body, ts)).toEqual({ ok: true })
    const noneValid = { ...headers, 'webhook-signature': `${forged} v1a,${good.slice(3)}` }
    expect(await verify(env.WEBHOOK_SECRET, noneValid, body, ts)).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    })
  })

  it('reports missing headers before anything else', async () => {
    const headers = await sign(env.WEBHOOK_SECRET, id, ts, body)
    const missing = { ok: false, reason: 'MISSING_HEADERS' }
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const) {
      const partial: Record<string, string> = { ...headers }
      delete partial[name]
      expect(await verify(env.WEBHOOK_SECRET, partial, body, ts)).toEqual(missing)
      expect(await verify(env.WEBHOOK_SECRET, { ...headers, [name]: '' }, body, ts)).toEqual(
        missing,
      )
    }
    expect(await verify(env.WEBHOOK_SECRET, new Headers(), body, ts)).toEqual(missing)
  })

  it('refuses a timestamp that is not unix seconds', async () => {
    const headers = await sign(env.WEBHOOK_SECRET, id, ts, body)
    for (const stamp of ['abc', '-1700000000', '1700000000.5', '', ' 1700000000']) {
      const result = await verify(
        env.WEBHOOK_SECRET,
        { ...headers, 'webhook-timestamp': stamp },
        body,
        ts,
      )
      expect(result).toEqual({ ok: false, reason: stamp ? 'BAD_TIMESTAMP' : 'MISSING_HEADERS' })
    }
  })

  it('reads request headers in any letter case', async () => {
    const signed = await sign(env.WEBHOOK_SECRET, id, ts, body)
    const request = new Request('https://orders.test/v1/payments/webhook', {
      method: 'POST',
      headers: {
        'Webhook-Id': signed['webhook-id'],
        'Webhook-Timestamp': signed['webhook-timestamp'],
        'Webhook-Signature': signed['webhook-signature'],
      },
      body,
    })
    expect(await verify(env.WEBHOOK_SECRET, request.headers, await request.text(), ts)).toEqual({
      ok: true,
    })
    const record = {
      'WEBHOOK-ID': signed['webhook-id'],
      'Webhook-Timestamp': signed['webhook-timestamp'],
      'webhook-signature': signed['webhook-signature'],
    }
    expect(await verify(env.WEBHOOK_SECRET, record, body, ts)).toEqual({ ok: true })
  })
})

describe('timingSafeEqual', () => {
  it('is true only for identical strings', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true)
    expect(timingSafeEqual('abc', 'abd')).toBe(false)
    expect(timingSafeEqual('abc', 'abcd')).toBe(false)
    expect(timingSafeEqual('', '')).toBe(true)
  })
})
