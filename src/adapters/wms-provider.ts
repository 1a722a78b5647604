import type { Env } from '../env'
import { type SandboxWms, sandboxWms } from './sandbox-wms'

/**
 * The WMS this deployment talks to. Only the sandbox exists today; a real WMS implements Wms and
 * is chosen here by configuration, while the warehouse routes keep driving the sandbox.
 */
export function wmsAdapter(env: Pick<Env, 'DB'>): SandboxWms {
  return sandboxWms(env.DB)
}
