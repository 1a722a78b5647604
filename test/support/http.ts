import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test'
import { sign } from 'hono/jwt'
import worker from '../../src/index'

export type Role = 'buyer' | 'merchant' | 'warehouse' | 'service' | 'admin'

export async function token(role: Role, sub: string, storeId?: string): Promise<string> {
  const exp = Math.floor(Date.now() / 1000) + 3600
  return sign({ sub, role, exp, ...(storeId ? { storeId } : {}) }, env.JWT_SECRET, 'HS256')
}

export interface Call {
  token?: string
  body?: unknown
  rawBody?: string
  headers?: Record<string, string>
  /** The Worker's bindings for this call instead of the tests' own. */
  env?: Env
}

export interface Answer<T = Record<string, unknown>> {
  status: number
  body: T
  headers: Headers
}

/** The Worker's default export, called in this isolate with the given bindings. */
async function withBindings(request: Request, bindings: Env): Promise<Response> {
  const ctx = createExecutionContext()
  const incoming = request as Request<unknown, IncomingRequestCfProperties>
  const res = await worker.fetch(incoming, bindings, ctx)
  await waitOnExecutionContext(ctx)
  return res
}

/**
 * The one way tests call the API: a request to the Worker as deployed (SELF), or, when a test
 * needs the Worker under another configuration (a provider, a missing secret), to the same entry
 * point in this isolate with those bindings.
 */
export async function api<T = Record<string, unknown>>(
  method: string,
  path: string,
  call: Call = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...call.headers }
  if (call.token) headers.Authorization = `Bearer ${call.token}`
  let body: string | undefined
  if (call.rawBody !== undefined) body = call.rawBody
  else if (call.body !== undefined) body = JSON.stringify(call.body)
  if (body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json'
  const request = new Request(`https://orders.test${path}`, { method, headers, body })
  const res = call.env ? await withBindings(request, call.env) : await SELF.fetch(request)
  const text = await res.text()
  const parsed =
    text.length > 0 && res.headers.get('Content-Type')?.includes('json') ? JSON.parse(text) : text
  return { status: res.status, body: parsed as T, headers: res.headers }
}
