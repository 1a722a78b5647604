import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env'
import { requireSandbox } from './payment-config'

/**
 * Routes that pay without a real provider answer 404 before anything else (even before the
 * bearer token is read) unless PAYMENT_PROVIDER is `sandbox`: a deployment shows no trace of them.
 */
export const sandboxOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  requireSandbox(c.env)
  await next()
}
