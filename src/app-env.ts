import type { Principal } from './auth/principal'
import type { Env } from './env'
import type { ErrorCode } from './errors'

/**
 * Hono's environment for every route: the Worker bindings, the authenticated caller, the request
 * id, and what the error handler answered (for the request log).
 */
export interface AppEnv {
  Bindings: Env
  Variables: {
    principal: Principal
    requestId: string
    errorCode?: ErrorCode
    /** Set by the not-found handler: no route matched, so the log names the path instead. */
    unmatched?: true
  }
}
