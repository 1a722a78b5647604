import type { Env } from '../env'
import { meter, metersOn, resetMeters, snapshot } from './meters'

export const metersPath = '/__bench/meters'

/**
 * GET reads the counters (with `?order=<id>`, that order's storage footprint), DELETE zeroes
 * them; null (so the app answers, with its 404) unless METERS=on. Reading is not counted.
 */
export function metersRoute(request: Request, env: Env): Promise<Response> | null {
  if (!metersOn(env)) return null
  const url = new URL(request.url)
  if (url.pathname !== metersPath) {
    meter.workerRequest()
    return null
  }
  const order = url.searchParams.get('order')
  if (order) {
    const stub = env.ORDER_ACTOR.get(env.ORDER_ACTOR.idFromName(order))
    return stub.meterFootprint().then((r) => Response.json(r))
  }
  if (request.method === 'DELETE') resetMeters()
  return Promise.resolve(Response.json(snapshot()))
}
