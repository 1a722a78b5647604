import { describe, expect, it } from 'vitest'
import { sign } from '../../src/adapters/webhook-signature'
import { verifyAt, webhookSecret } from '../support/webhooks'

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

  it('keys the configured test secret with its base64-decoded bytes', async () => {
    const bytes = Uint8Array.from(atob(webhookSecret.slice(6)), (c) => c.charCodeAt(0))
    expect(new TextDecoder().decode(bytes)).toBe('test-sandbox-webhook-key-32bytes')
    const expected = await referenceSignature(bytes, `${id}.${ts}.${body}`)
    expect((await sign(webhookSecret, id, ts, body))['webhook-signature']).toBe(expected)
  })

  it('refuses a timestamp that is not whole unix seconds', async () => {
    await expect(sign(specSecret, id, 1.5, body)).rejects.toThrow(RangeError)
    await expect(sign(specSecret, id, -1, body)).rejects.toThrow(RangeError)
  })
})

describe('secrets', () => {
  it('refuses a secret that is not whsec_ and base64 instead of keying it with raw bytes', async () => {
    const headers = await sign(specSecret, id, ts, body)
    for (const secret of [
      'whsec_test-webhook-secret',
      'whsec_',
      '',
      'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    ]) {
      expect(verifyAt(ts, headers, body, secret)).toEqual({ ok: false, reason: 'SECRET_INVALID' })
      await expect(sign(secret, id, ts, body)).rejects.toThrow(RangeError)
    }
  })
})

describe('verify', () => {
  it('accepts the example at its own time and at either edge of the tolerance', async () => {
    const headers = await sign(specSecret, specId, specTimestamp, specBody)
    for (const now of [specTimestamp, specTimestamp - 300, specTimestamp + 300]) {
      expect(verifyAt(now, headers, specBody, specSecret)).toEqual({ ok: true })
    }
  })

  it('refuses a tampered body and a wrong secret', async () => {
    const headers = await sign(webhookSecret, id, ts, body)
    expect(verifyAt(ts, headers, '{"a":2}')).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    })
    expect(verifyAt(ts, headers, body, specSecret)).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    })
  })

  it('refuses a timestamp six minutes old or six minutes ahead', async () => {
    const headers = await sign(webhookSecret, id, ts, body)
    const stale = { ok: false, reason: 'STALE_TIMESTAMP' }
    expect(verifyAt(ts + 360, headers, body)).toEqual(stale)
    expect(verifyAt(ts - 360, headers, body)).toEqual(stale)
    expect(verifyAt(ts + 301, headers, body)).toEqual(stale)
  })

  it('passes when any one of several signatures matches', async () => {
    const good = (await sign(webhookSecret, id, ts, body))['webhook-signature']
    const forged = 'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(ts),
      'webhook-signature': `${forged} v1a,${good.slice(3)} ${good}`,
    }
    expect(verifyAt(ts, headers, body)).toEqual({ ok: true })
    const noneValid = { ...headers, 'webhook-signature': `${forged} v1a,${good.slice(3)}` }
    expect(verifyAt(ts, noneValid, body)).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    })
  })

  it('reports missing headers before anything else', async () => {
    const headers = await sign(webhookSecret, id, ts, body)
    const missing = { ok: false, reason: 'MISSING_HEADERS' }
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const) {
      const partial: Record<string, string> = { ...headers }
      delete partial[name]
      expect(verifyAt(ts, partial, body)).toEqual(missing)
      expect(verifyAt(ts, { ...headers, [name]: '' }, body)).toEqual(missing)
    }
    expect(verifyAt(ts, new Headers(), body)).toEqual(missing)
  })

  it('refuses a timestamp that is not unix seconds', async () => {
    const headers = await sign(webhookSecret, id, ts, body)
    for (const stamp of ['abc', '-1700000000', '1700000000.5', '', ' 1700000000']) {
      const result = verifyAt(ts, { ...headers, 'webhook-timestamp': stamp }, body)
      expect(result).toEqual({ ok: false, reason: stamp ? 'BAD_TIMESTAMP' : 'MISSING_HEADERS' })
    }
  })

  it('reads request headers in any letter case', async () => {
    const signed = await sign(webhookSecret, id, ts, body)
    const request = new Request('https://orders.test/v1/payments/webhook', {
      method: 'POST',
      headers: {
        'Webhook-Id': signed['webhook-id'],
        'Webhook-Timestamp': signed['webhook-timestamp'],
        'Webhook-Signature': signed['webhook-signature'],
      },
      body,
    })
    expect(verifyAt(ts, request.headers, await request.text())).toEqual({
      ok: true,
    })
    const record = {
      'WEBHOOK-ID': signed['webhook-id'],
      'Webhook-Timestamp': signed['webhook-timestamp'],
      'webhook-signature': signed['webhook-signature'],
    }
    expect(verifyAt(ts, record, body)).toEqual({ ok: true })
  })
})
