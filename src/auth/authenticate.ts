import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env'
import { AppError } from '../errors'
import { setBounded } from '../http/bounded-map'
import { logOnce } from '../payments/config-log'
import { verifyHs256 } from './hs256'
import { type CallerRole, claimsSchema, type Principal } from './principal'

const defaultMaxTtlSeconds = 24 * 3600
// Clocks of token issuers drift; a minute of slack keeps a fresh full-length token valid.
const skewSeconds = 60

/** The longest lifetime a token may claim: JWT_MAX_TTL_SECONDS, one day by default. */
export function maxTokenTtl(raw: string | undefined): number {
  const n = Number(raw)
  return Number.isSafeInteger(n) && n > 0 ? n : defaultMaxTtlSeconds
}

/**
 * Tokens this isolate verified lately, by secret and token text: a storefront sends the same token
 * with every request, and checking its signature again would cost more than the refusal it gets
 * in a flash sale. An entry is used only until the token's own expiry.
 */
const verified = new Map<string, { principal: Principal; exp: number }>()
const verifiedMax = 10_000

function remember(key: string, principal: Principal, exp: number): void {
  setBounded(verified, key, { principal, exp }, verifiedMax)
}

async function principalFrom(
  header: string | undefined,
  secret: string,
  maxTtl: number,
): Promise<Principal> {
  const token = header?.match(/^Bearer ([A-Za-z0-9._~+/=-]+)$/)?.[1]
  if (!token) throw new AppError('UNAUTHENTICATED', 'Authorization: Bearer <jwt> is required')
  const key = `${maxTtl}\n${secret}\n${token}`
  const hit = verified.get(key)
  if (hit && hit.exp > Date.now() / 1000) return hit.principal
  const principal = await verifyToken(token, secret, maxTtl)
  remember(key, principal.principal, principal.exp)
  return principal.principal
}

async function verifyToken(
  token: string,
  secret: string,
  maxTtl: number,
): Promise<{ principal: Principal; exp: number }> {
  const payload = await verifyHs256(token, secret, Date.now())
  if (payload === null) {
    throw new AppError('UNAUTHENTICATED', 'the bearer token is invalid or expired')
  }
  const claims = claimsSchema.safeParse(payload)
  if (!claims.success) {
    const field = claims.error.issues[0]?.path.map(String).join('.') || 'claims'
    throw new AppError('UNAUTHENTICATED', `the bearer token has invalid claims (${field})`)
  }
  // Without exp a leaked token is valid forever; a far-off exp is the same thing.
  if (claims.data.exp > Math.floor(Date.now() / 1000) + maxTtl + skewSeconds) {
    throw new AppError('UNAUTHENTICATED', `the bearer token lives longer than ${maxTtl} seconds`)
  }
  const principal = {
    role: claims.data.role,
    id: claims.data.sub,
    storeId: claims.data.storeId ?? null,
  }
  return { principal, exp: claims.data.exp }
}

/** Verifies the HS256 bearer token and admits only the given roles. */
export function auth(...allowed: CallerRole[]): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    if (!c.env.JWT_SECRET) {
      logOnce('JWT_SECRET_MISSING', 'JWT_SECRET is not set: every authenticated route answers 503')
      throw new AppError('SERVER_MISCONFIGURED', 'JWT_SECRET is not set', {
        problem: 'JWT_SECRET_MISSING',
      })
    }
    const principal = await principalFrom(
      c.req.header('Authorization'),
      c.env.JWT_SECRET,
      maxTokenTtl(c.env.JWT_MAX_TTL_SECONDS),
    )
    if (!allowed.includes(principal.role)) {
      throw new AppError('FORBIDDEN', `this route is not open to role ${principal.role}`)
    }
    c.set('principal', principal)
    await next()
  }
}
