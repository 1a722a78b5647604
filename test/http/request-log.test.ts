import {
  createExecutionContext,
  createScheduledController,
  env,
  SELF,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import worker from '../../src/index'
import { address, createSku, createStore, defaultWarehouse } from '../support/catalog'
import { token } from '../support/http'
import { uid } from '../support/ids'

const idPattern = /^[0-9a-f-]{36}$/

/** Calls the Worker in this isolate with logging on, and returns the JSON lines it wrote. */
async function logged(request: Request, overrides: Partial<typeof env> = {}) {
  const lines: Record<string, unknown>[] = []
  const keep = (line: unknown) => lines.push(JSON.parse(String(line)))
  vi.spyOn(console, 'log').mockImplementation(keep)
  vi.spyOn(console, 'error').mockImplementation(keep)
  const ctx = createExecutionContext()
  const incoming = request as Request<unknown, IncomingRequestCfProperties>
  const res = await worker.fetch(incoming, { ...env, LOG_LEVEL: 'info', ...overrides }, ctx)
  await waitOnExecutionContext(ctx)
  return { res, lines }
}

afterEach(() => vi.restoreAllMocks())

describe('request ids', () => {
  it('answers x-request-id on a success, a 404, a 401 and a 400', async () => {
    const answers = await Promise.all([
      SELF.fetch('http://x/v1/health'),
      SELF.fetch('http://x/v1/no-such-route'),
      SELF.fetch('http://x/v1/orders'),
      SELF.fetch('http://x/v1/orders?limit=abc', {
        headers: { Authorization: `Bearer ${await token('buyer', uid('buyer'))}` },
      }),
    ])
    expect(answers.map((r) => r.status)).toEqual([200, 404, 401, 400])
    for (const r of answers) expect(r.headers.get('x-request-id')).toMatch(idPattern)
    expect(new Set(answers.map((r) => r.headers.get('x-request-id'))).size).toBe(4)
  })

  it("keeps a caller's plain request id and replaces one that is not", async () => {
    const kept = await SELF.fetch('http://x/v1/health', {
      headers: { 'x-request-id': 'lb-123456789' },
    })
    expect(kept.headers.get('x-request-id')).toBe('lb-123456789')
    const odd = await SELF.fetch('http://x/v1/health', { headers: { 'x-request-id': 'a b"<>' } })
    expect(odd.headers.get('x-request-id')).toMatch(idPattern)
  })
})

describe('request log', () => {
  it('writes one line per request with the route pattern, status, duration and role', async () => {
    const buyer = uid('buyer')
    const request = new Request('http://x/v1/orders/ord_unknown', {
      headers: {
        Authorization: `Bearer ${await token('buyer', buyer)}`,
        'x-request-id': 'req-0000001',
      },
    })
    const { res, lines } = await logged(request)
    expect(res.status).toBe(404)
    expect(lines).toHaveLength(1)
    const { ms, ...line } = lines[0] ?? {}
    expect(typeof ms).toBe('number')
    expect(line).toEqual({
      level: 'info',
      msg: 'request',
      requestId: 'req-0000001',
      method: 'GET',
      route: '/v1/orders/:id',
      status: 404,
      role: 'buyer',
      code: 'NOT_FOUND',
    })
  })

  it('names the path instead of a route when nothing matched', async () => {
    const { lines } = await logged(new Request('http://x/nowhere', { method: 'POST' }))
    expect(lines.map(({ ms: _, requestId: __, ...l }) => l)).toEqual([
      {
        level: 'info',
        msg: 'request',
        method: 'POST',
        route: null,
        path: '/nowhere',
        status: 404,
        role: null,
        code: 'NOT_FOUND',
      },
    ])
  })

  it('logs an unexpected error with its stack under the request id, and tells the caller nothing', async () => {
    const broken = {
      prepare: () => {
        throw new TypeError('D1 went away')
      },
    } as unknown as D1Database
    const request = new Request(`http://x/v1/skus/${uid('sku')}`, {
      headers: { 'x-request-id': 'req-0000500' },
    })
    const { res, lines } = await logged(request, { DB: broken })
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } })
    expect(res.headers.get('x-request-id')).toBe('req-0000500')
    const [failure, summary] = lines
    expect(failure).toMatchObject({
      level: 'error',
      msg: 'request failed',
      requestId: 'req-0000500',
      route: '/v1/skus/:id',
      code: 'INTERNAL',
      error: { name: 'TypeError', message: 'D1 went away' },
    })
    const stack = (failure?.error as { stack?: string } | undefined)?.stack
    expect(stack).toContain('TypeError: D1 went away')
    expect(summary).toMatchObject({ msg: 'request', requestId: 'req-0000500', status: 500 })
  })

  it('logs a known 5xx as a warning with its code and message, without a stack', async () => {
    const sku = await createSku({ storeId: await createStore(), price: 1000, stock: 3 })
    const bucket = `${sku}:${await defaultWarehouse()}:0`
    await env.STOCK_ACTOR.get(env.STOCK_ACTOR.idFromName(bucket)).failNext(1)
    const request = new Request('http://x/v1/orders', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await token('buyer', uid('buyer'))}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': uid('key'),
        'x-request-id': 'req-0000503',
      },
      body: JSON.stringify({ lines: [{ skuId: sku, qty: 1 }], address }),
    })
    const { res, lines } = await logged(request)
    expect(res.status).toBe(503)
    expect(lines.map(({ ms: _, ...l }) => l)).toEqual([
      {
        level: 'warn',
        msg: 'request failed',
        requestId: 'req-0000503',
        method: 'POST',
        route: '/v1/orders',
        code: 'UNAVAILABLE',
        message: 'a stock bucket failed; retry with the same Idempotency-Key',
      },
      {
        level: 'info',
        msg: 'request',
        requestId: 'req-0000503',
        method: 'POST',
        route: '/v1/orders',
        status: 503,
        role: 'buyer',
        code: 'UNAVAILABLE',
      },
    ])
  })

  it('logs the first sold-out refusal in full and counts the rest into one line', async () => {
    const sku = await createSku({ storeId: await createStore(), price: 1000, stock: 1 })
    const attempt = async (n: number) =>
      logged(
        new Request('http://x/v1/orders', {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${await token('buyer', uid(`fan${n}`))}`,
            'Content-Type': 'application/json',
            'Idempotency-Key': uid('key'),
            'x-request-id': `req-flash-${n}`,
          },
          body: JSON.stringify({ lines: [{ skuId: sku, qty: 1 }], address }),
        }),
      )
    expect((await attempt(0)).res.status).toBe(201)
    const first = await attempt(1)
    const rest = [await attempt(2), await attempt(3)]
    expect(first.lines.map(({ ms: _, ...l }) => l)).toEqual([
      {
        level: 'info',
        msg: 'request',
        requestId: 'req-flash-1',
        method: 'POST',
        route: '/v1/orders',
        status: 409,
        role: 'buyer',
        code: 'SOLD_OUT',
      },
    ])
    expect(rest.map((r) => [r.res.status, r.res.headers.get('x-request-id'), r.lines])).toEqual([
      [409, 'req-flash-2', []],
      [409, 'req-flash-3', []],
    ])
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(Date.now() + 10_000)
      const { lines } = await logged(new Request('http://x/v1/health'))
      expect(lines.map((l) => l.msg)).toEqual(['refusals', 'request'])
      expect(lines[0]?.refusals).toEqual([
        { method: 'POST', route: '/v1/orders', status: 409, code: 'SOLD_OUT', total: 3 },
      ])
    } finally {
      vi.useRealTimers()
    }
  })

  it('writes nothing at LOG_LEVEL=silent', async () => {
    const { res, lines } = await logged(new Request('http://x/v1/health'), { LOG_LEVEL: 'silent' })
    expect(res.status).toBe(200)
    expect(lines).toEqual([])
  })
})

describe('cron', () => {
  it('runs the reconciliation and logs the run', async () => {
    const lines: Record<string, unknown>[] = []
    vi.spyOn(console, 'log').mockImplementation((l: unknown) => lines.push(JSON.parse(String(l))))
    const scheduledTime = Date.UTC(2026, 4, 2, 3, 7)
    const controller = createScheduledController({ scheduledTime, cron: '7 * * * *' })
    const ctx = createExecutionContext()
    await worker.scheduled(controller, { ...env, LOG_LEVEL: 'info' }, ctx)
    await waitOnExecutionContext(ctx)
    expect(lines).toHaveLength(1)
    const line = lines[0] ?? {}
    expect(line).toMatchObject({
      level: 'info',
      msg: 'cron reconciliation',
      cron: '7 * * * *',
      scheduledTime: '2026-05-02T03:07:00.000Z',
      from: '2026-05-01T02:57:00.000Z',
      to: '2026-05-02T02:57:00.000Z',
      counts: {
        statementRows: 0,
        ledgerRows: 0,
        ordersChecked: 0,
        found: 0,
        healed: 0,
        resolved: 0,
      },
    })
    const run = await env.DB.prepare('SELECT trigger, status FROM reconciliation_runs WHERE id = ?')
      .bind(line.runId)
      .first()
    expect(run).toEqual({ trigger: 'cron', status: 'succeeded' })
  })
})
