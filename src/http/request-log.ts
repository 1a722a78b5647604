import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import type { AppEnv } from '../app-env'
import { log } from './log'
import { createRefusalTally, isTallied } from './refusal-tally'

/** A caller's own request id is kept when it is short and plain; anything else gets a fresh one. */
const callerId = /^[A-Za-z0-9._:-]{8,64}$/

function requestIdOf(header: string | undefined): string {
  return header && callerId.test(header) ? header : crypto.randomUUID()
}

/** The pattern of the handler that answered: the last matched route that is not middleware. */
export function routePattern(c: Context<AppEnv>): string | null {
  if (c.get('unmatched')) return null
  const handlers = matchedRoutes(c).filter((r) => r.method !== 'ALL')
  return handlers.at(-1)?.path ?? null
}

/** Refusals of the flash-sale kind counted by this isolate, reported every ten seconds at most. */
const refusals = createRefusalTally(10_000)

/**
 * Gives every request an id, answers it in `x-request-id` (errors and 404s included), and logs one
 * line when the answer leaves: method, route pattern, status, duration and the caller's role.
 * Error answers carry their code; the error handler logs the cause of a 5xx under the same id.
 * Sold-out, per-buyer-limit and rate-limit refusals are logged in full once per kind and window;
 * the rest are counted into one `refusals` line (refusal-tally.ts).
 */
export function requestLog(): MiddlewareHandler<AppEnv> {
  return async function logRequest(c, next) {
    const started = Date.now()
    const requestId = requestIdOf(c.req.header('x-request-id'))
    c.set('requestId', requestId)
    await next()
    if (c.res.headers.get('x-request-id') !== requestId) {
      // Responses passed through from elsewhere can have immutable headers.
      c.res = new Response(c.res.body, c.res)
      c.res.headers.set('x-request-id', requestId)
    }
    const route = routePattern(c)
    const now = Date.now()
    const summary = refusals.due(now)
    if (summary) log(c.env, 'info', 'refusals', { ...summary })
    const code = c.get('errorCode')
    const { method } = c.req
    const status = c.res.status
    if (isTallied(code) && !refusals.count({ method, route, status, code }, now)) return
    log(c.env, 'info', 'request', {
      requestId,
      method,
      route,
      path: route === null ? c.req.path : undefined,
      status,
      ms: now - started,
      role: c.get('principal')?.role ?? null,
      code,
    })
  }
}
