import type { MiddlewareHandler } from 'hono'
import { verify } from 'hono/jwt'
import type { AppEnv } from '../app-env'
import { AppError } from '../errors'
import { type CallerRole, claimsSchema, type Principal } from './principal'

async function principalFrom(header: string | undefined, secret: string): Promise<Principal> {
  const token = header?.match(/^Bearer ([A-Za-z0-9._~+/=-]+)$/)?.[1]
  if (!token) throw new AppError('UNAUTHENTICATED', 'Authorization: Bearer <jwt> is required')
  let payload: unknown
  try {
    payload = await verify(token, secret, 'HS256')
  } catch {
    throw new AppError('UNAUTHENTICATED', 'the bearer token is invalid or expired')
  }
  const claims = claimsSchema.safeParse(payload)
  if (!claims.success) throw new AppError('UNAUTHENTICATED', 'the bearer token has invalid claims')
  return { role: claims.data.role, id: claims.data.sub, storeId: claims.data.storeId ?? null }
}

/** Verifies the HS256 bearer token and admits only the given roles. */
export function auth(...allowed: CallerRole[]): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    const principal = await principalFrom(c.req.header('Authorization'), c.env.JWT_SECRET)
    if (!allowed.includes(principal.role)) {
      throw new AppError('FORBIDDEN', `this route is not open to role ${principal.role}`)
    }
    c.set('principal', principal)
    await next()
  }
}
