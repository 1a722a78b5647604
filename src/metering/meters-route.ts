import { meter, metersOn, resetMeters, snapshot } from './meters'

export const metersPath = '/__bench/meters'

/**
 * GET reads the counters, DELETE zeroes them; null (so the app answers, with its 404) unless
 * METERS=on. Reading the counters is not itself counted.
 */
export function metersRoute(request: Request, env: object): Response | null {
  if (!metersOn(env)) return null
  if (new URL(request.url).pathname !== metersPath) {
    meter.workerRequest()
    return null
  }
  if (request.method === 'DELETE') resetMeters()
  return Response.json(snapshot())
}
