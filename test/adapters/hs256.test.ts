import { sign } from 'hono/jwt'
import { describe, expect, it } from 'vitest'
import { verifyHs256 } from '../../src/auth/hs256'

const secret = 'hs256-test-secret'
const now = Date.UTC(2026, 10, 30, 12, 0, 0)
const at = (offsetSeconds: number) => Math.floor(now / 1000) + offsetSeconds
const b64url = (text: string) =>
  btoa(text).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '')

describe('HS256 token verification', () => {
  it('returns the payload of a token signed with the secret and alive now', async () => {
    const claims = { sub: 'u-1', role: 'buyer', iat: at(-10), nbf: at(-10), exp: at(60) }
    expect(await verifyHs256(await sign(claims, secret, 'HS256'), secret, now)).toEqual(claims)
  })

  it('refuses a token signed with another secret', async () => {
    const token = await sign({ sub: 'u-1', exp: at(60) }, 'another-secret', 'HS256')
    expect(await verifyHs256(token, secret, now)).toBeNull()
  })

  it('refuses a token expired, not yet valid, or issued in the future', async () => {
    for (const claims of [{ exp: at(0) }, { exp: at(-1) }, { nbf: at(1) }, { iat: at(5) }]) {
      expect(await verifyHs256(await sign(claims, secret, 'HS256'), secret, now)).toBeNull()
    }
  })

  it('refuses a token whose header names another algorithm or none', async () => {
    const good = await sign({ sub: 'u-1', exp: at(60) }, secret, 'HS256')
    const [, body, mac] = good.split('.')
    for (const alg of ['none', 'HS512', 'RS256']) {
      const head = b64url(JSON.stringify({ alg, typ: 'JWT' }))
      expect(await verifyHs256(`${head}.${body}.${mac}`, secret, now)).toBeNull()
    }
  })

  it('refuses malformed tokens without throwing', async () => {
    const good = await sign({ sub: 'u-1', exp: at(60) }, secret, 'HS256')
    const [head, body] = good.split('.')
    for (const token of [
      '',
      'a.b',
      `${head}.${body}`,
      `${head}.${body}.!!`,
      `${head}.%%.x`,
      'a.b.c.d',
    ]) {
      expect(await verifyHs256(token, secret, now)).toBeNull()
    }
  })

  it('refuses a payload that was changed after signing', async () => {
    const good = await sign({ sub: 'u-1', role: 'buyer', exp: at(60) }, secret, 'HS256')
    const [head, , mac] = good.split('.')
    const forged = b64url(JSON.stringify({ sub: 'u-1', role: 'admin', exp: at(60) }))
    expect(await verifyHs256(`${head}.${forged}.${mac}`, secret, now)).toBeNull()
  })
})
