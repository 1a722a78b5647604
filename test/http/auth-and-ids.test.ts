import { env } from 'cloudflare:test'
import { sign } from 'hono/jwt'
import { describe, expect, it, vi } from 'vitest'
import { childOrderId, isOrderId, orderIdFor, orderIdKeyring } from '../../src/ids'
import { api, token } from '../support/http'

const now = () => Math.floor(Date.now() / 1000)

async function whoAmI(claims: Record<string, unknown>) {
  const jwt = await sign({ sub: 'buyer-jwt', role: 'buyer', ...claims }, env.JWT_SECRET, 'HS256')
  return api<{ error?: { code: string; message: string } }>('GET', '/v1/orders', { token: jwt })
}

describe('bearer tokens', () => {
  it('accepts a token that expires within a day', async () => {
    expect((await whoAmI({ exp: now() + 3600 })).status).toBe(200)
    expect((await whoAmI({ exp: now() + 86_400 })).status).toBe(200)
  })

  it('refuses a token without exp, or living longer than JWT_MAX_TTL_SECONDS', async () => {
    const noExp = await whoAmI({})
    expect(noExp.status).toBe(401)
    expect(noExp.body.error?.message).toBe('the bearer token has invalid claims (exp)')
    const century = await whoAmI({ exp: now() + 100 * 365 * 86_400 })
    expect(century.status).toBe(401)
    expect(century.body.error?.message).toBe('the bearer token lives longer than 86400 seconds')
    const expired = await whoAmI({ exp: now() - 10 })
    expect(expired.status).toBe(401)
  })
})

describe('order ids under a rotated key', () => {
  const oldKey = 'order-id-key-of-last-year-0001'
  const newKey = 'order-id-key-of-this-year-0002'

  it('keeps verifying ids of a retired key listed in ORDER_ID_KEYS_OLD, and no others', async () => {
    const before = orderIdKeyring({ ORDER_ID_KEY: oldKey })
    const id = await orderIdFor(before, 'buyer-1', 'key-1')
    const rotated = orderIdKeyring({ ORDER_ID_KEY: newKey, ORDER_ID_KEYS_OLD: ` ${oldKey} ` })
    expect(await isOrderId(rotated, id)).toBe(true)
    expect(await isOrderId(orderIdKeyring({ ORDER_ID_KEY: newKey }), id)).toBe(false)
    // A split re-run after the rotation names the same children as before it.
    expect(await childOrderId(rotated, id, 2)).toBe(await childOrderId(before, id, 2))
    expect(await orderIdFor(rotated, 'buyer-1', 'key-1')).not.toBe(id)
  })

  it('answers 503 naming ORDER_ID_KEY when it is missing, never falling back to JWT_SECRET', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const unkeyed = { ...env, ORDER_ID_KEY: '' }
    const res = await api('GET', '/v1/orders/ord_aaaaaaaaaaaaaaaaaaaaaaaaaa', {
      token: await token('buyer', 'b'),
      env: unkeyed,
    })
    expect(res.status).toBe(503)
    expect(res.body).toEqual({
      error: {
        code: 'SERVER_MISCONFIGURED',
        message: 'ORDER_ID_KEY must be set to at least 16 characters',
        details: { problem: 'ORDER_ID_KEY_INVALID' },
      },
    })
    expect(logged).toHaveBeenCalledTimes(1)
    logged.mockRestore()
    expect(() => orderIdKeyring({ ORDER_ID_KEY: 'short' })).toThrow('ORDER_ID_KEY must be set')
  })
})
