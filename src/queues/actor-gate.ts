import type { Env } from '../env'
import { failureOf, unwrap } from '../errors'
import type { FulfilmentGate } from './fulfilment-gate'

/**
 * The order actor's say on a push: it marks the order pushed in the same transaction as its
 * answer, so a cancel that comes after this is an interception, and one that came before makes
 * the answer `withdraw`.
 */
export function actorGate(env: Pick<Env, 'ORDER_ACTOR'>): FulfilmentGate {
  return {
    claim: async (message) => {
      const stub = env.ORDER_ACTOR.get(env.ORDER_ACTOR.idFromName(message.orderId))
      const claim = await stub.claimFulfilment(message.eventId)
      const refused = failureOf(claim)
      return refused ? { kind: 'withdraw', reason: refused.message } : unwrap(claim).claim
    },
  }
}
