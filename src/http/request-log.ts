import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import type { AppEnv } from '../app-env'
import { log } from './log'

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

/**
 * Gives every request an id, answers it in `x-request-id` (errors and 404s included), and logs one
 * line when the answer leaves: method, route pattern, status, duration and the caller's role.
 * Error answers carry their code; the error handler logs the cause of a 5xx under the same id.
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
    log(c.env, 'info', 'request', {
      requestId,
      method: c.req.method,
      route,
      path: route === null ? c.req.path : undefined,
      status: c.res.status,
      ms: Date.now() - started,
      role: c.get('principal')?.role ?? null,
      code: c.get('errorCode'),
    })
  }
}
