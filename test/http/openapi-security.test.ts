import { SELF } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'

interface Operation {
  security?: unknown[]
  requestBody?: unknown
}
type Spec = { security: unknown[]; paths: Record<string, Record<string, Operation>> }

async function spec(): Promise<Spec> {
  return (await SELF.fetch('http://x/openapi.json')).json()
}

/** A concrete URL for a path template: every {param} becomes a made-up id. */
function concrete(path: string): string {
  return path.replace(/\{[^}]+\}/g, 'probe-0001')
}

describe('the OpenAPI security marks', () => {
  it('mark exactly the health check, a SKU, its availability and the signed webhooks as public', async () => {
    const doc = await spec()
    expect(doc.security).toEqual([{ bearer: [] }])
    const open = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => Array.isArray(op.security) && op.security.length === 0)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    )
    expect(open.sort()).toEqual([
      'GET /v1/health',
      'GET /v1/skus/{id}',
      'GET /v1/stock/{skuId}',
      'POST /v1/payments/stripe/webhook',
      'POST /v1/payments/webhook',
    ])
  })

  it('match what each route answers without a token', async () => {
    const doc = await spec()
    const mismatches: string[] = []
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const res = await SELF.fetch(`http://x${concrete(path)}`, {
          method: method.toUpperCase(),
          headers: { 'Content-Type': 'application/json' },
          ...(op.requestBody ? { body: '{}' } : {}),
        })
        await res.arrayBuffer()
        const isPublic = Array.isArray(op.security) && op.security.length === 0
        if ((res.status === 401) === isPublic && !path.endsWith('/webhook')) {
          mismatches.push(`${method.toUpperCase()} ${path}: ${res.status}`)
        }
      }
    }
    expect(mismatches).toEqual([])
  })
})
