import { env } from 'cloudflare:test'
import fc from 'fast-check'
import { sign } from 'hono/jwt'
import { beforeAll, describe, expect, it } from 'vitest'
import { createSku, createStore, stockCounts } from '../support/catalog'
import { admin, couponTemplate, issue } from '../support/checkout'
import { api, token } from '../support/http'
import { uid } from '../support/ids'
import { placeOrder } from '../support/orders'

/**
 * Hostile input against every route the OpenAPI document declares: wrong types, huge and
 * negative numbers, unicode and control characters, duplicate keys, megabyte strings, missing,
 * forged and expired tokens, and other buyers' order ids. No answer may be a 5xx or leak a stack,
 * every refusal carries the error envelope, and nothing a buyer owns may change.
 */

interface Operation {
  method: string
  path: string
}

const world = { victim: '', orderId: '', skuId: '', storeId: '' }

async function snapshot() {
  const order = await api('GET', `/v1/orders/${world.orderId}`, {
    token: await token('service', 'cs'),
  })
  const coupons = await api('GET', '/v1/coupons', { token: await token('buyer', world.victim) })
  const member = await admin('GET', `/v1/admin/members/${world.victim}`)
  const counts = await env.DB.prepare(
    'SELECT (SELECT count(*) FROM payments_ledger) AS ledger, (SELECT count(*) FROM stores) AS stores, (SELECT count(*) FROM skus) AS skus',
  ).first()
  return {
    order: order.body,
    coupons: coupons.body,
    points: member.body.pointsBalance,
    stock: await stockCounts(world.skuId),
    counts,
  }
}

async function operations(): Promise<Operation[]> {
  const spec = await api<{ paths: Record<string, Record<string, unknown>> }>('GET', '/openapi.json')
  return Object.entries(spec.body.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  )
}

const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '..',
    '%00',
    '\u0000\u0007\u001b',
    '😀🧨',
    "' OR 1=1 --",
    '<script>',
    'a'.repeat(3000),
  ),
)
const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(1e308, -1, -1e15, 2 ** 53 + 1, 0.5, Number.MAX_SAFE_INTEGER, true, null),
  hostileString,
)
const hostileBody = fc.oneof(
  hostileValue.map((v) => JSON.stringify(v) ?? 'null'),
  fc
    .record({
      lines: fc.array(fc.record({ skuId: hostileString, qty: fc.integer({ min: -5, max: 1e9 }) })),
      address: hostileValue,
    })
    .map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '{"lines": [',
    '{"a":1,"a":2}',
    '{"qty":1,"qty":"one"}',
    'null',
    '[]',
    'nope',
    `{"note":"${'x'.repeat(100_000)}"}`,
  ),
)

type Auth = 'none' | 'forged' | 'expired' | 'garbage' | 'intruder' | 'merchant'
// Mostly a signed-in stranger, so requests get past authentication to the validation behind it.
const auth = fc.oneof(
  { arbitrary: fc.constant<Auth>('intruder'), weight: 6 },
  {
    arbitrary: fc.constantFrom<Auth>('none', 'forged', 'expired', 'garbage', 'merchant'),
    weight: 4,
  },
)

async function bearer(kind: Auth): Promise<string | undefined> {
  const exp = Math.floor(Date.now() / 1000) + 600
  if (kind === 'none') return undefined
  if (kind === 'forged')
    return sign({ sub: world.victim, role: 'admin', exp }, 'not-the-secret', 'HS256')
  if (kind === 'expired')
    return sign({ sub: world.victim, role: 'buyer', exp: 1000 }, env.JWT_SECRET, 'HS256')
  if (kind === 'garbage') return 'a.b.c'
  if (kind === 'intruder') return token('buyer', 'intruder')
  return token('merchant', 'other-clerk', 'another-store')
}

function fillPath(path: string, values: string[]): string {
  let i = 0
  return path.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[i++] ?? 'x'))
}

/** Runs per route: FUZZ_RUNS from the environment of `npm test`, 10 by default (CI). */
const fuzzRuns = Number((env as { FUZZ_RUNS?: string }).FUZZ_RUNS ?? 10) || 10

describe('every route under hostile input', () => {
  let ops: Operation[] = []

  beforeAll(async () => {
    world.storeId = await createStore()
    world.skuId = await createSku({ storeId: world.storeId, price: 20000, stock: 20 })
    world.victim = uid('victim')
    await issue(await couponTemplate({ scope: { storeIds: [world.storeId] } }), world.victim)
    await admin('POST', `/v1/admin/members/${world.victim}/points`, { points: 500, reason: 'fuzz' })
    world.orderId = (await placeOrder(world.victim, [{ skuId: world.skuId, qty: 1 }])).body.id
    ops = await operations()
  })

  it('answers 4xx with the envelope, never 5xx or a stack, and changes nothing', async () => {
    expect(ops.length).toBeGreaterThan(40)
    const before = await snapshot()
    for (const op of ops) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(fc.constant(world.orderId), hostileString), {
            minLength: 3,
            maxLength: 3,
          }),
          fc.dictionary(
            fc.constantFrom('status', 'cursor', 'limit', 'format', 'from', 'to', 'x'),
            hostileString,
            { maxKeys: 3 },
          ),
          hostileBody,
          auth,
          async (params, query, body, who) => {
            const qs = new URLSearchParams(query).toString()
            const path = fillPath(op.path, params) + (qs ? `?${qs}` : '')
            const t = await bearer(who)
            const res = await api<string>(op.method, path, {
              ...(t ? { token: t } : {}),
              ...(op.method === 'GET' ? {} : { rawBody: body }),
            })
            const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body)
            expect(res.status, `${op.method} ${path} -> ${text.slice(0, 200)}`).toBeLessThan(500)
            expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/)
            if (res.status >= 400) {
              const envelope = res.body as unknown as {
                error?: { code?: unknown; message?: unknown }
              }
              expect(typeof envelope.error?.code).toBe('string')
              expect(typeof envelope.error?.message).toBe('string')
            }
          },
        ),
        { numRuns: fuzzRuns },
      )
    }
    expect(await snapshot()).toEqual(before)
  }, 600_000)
})

describe('a megabyte body', () => {
  it('is refused with 413 before anything reads it', async () => {
    const res = await api<{ error: { code: string } }>('POST', '/v1/checkout/quote', {
      token: await token('buyer', 'intruder'),
      rawBody: JSON.stringify({ note: 'x'.repeat(1_048_576) }),
    })
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE')
  })
})
