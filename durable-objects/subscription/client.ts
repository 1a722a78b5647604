import type { Env } from '../../src/env'
import { AppError } from '../../src/errors'
import { isSubscriptionId, orderIdKeyring, subscriptionIdFor } from '../../src/ids'

/** How the Worker reaches subscription actors: by an id only this deployment issues. */
type KeyEnv = Pick<Env, 'ORDER_ID_KEY'> & { ORDER_ID_KEYS_OLD?: string }

/** The subscription a buyer's Idempotency-Key names. */
export function subscriptionIdOf(env: KeyEnv, userId: string, key: string): Promise<string> {
  return subscriptionIdFor(orderIdKeyring(env), userId, key)
}

export function subscriptionActor(env: Pick<Env, 'SUBSCRIPTION_ACTOR'>, id: string) {
  return env.SUBSCRIPTION_ACTOR.get(env.SUBSCRIPTION_ACTOR.idFromName(id))
}

/** The actor of an id from a path: 404 for an id this deployment never issued. */
export async function subscriptionStub(env: Env, id: string) {
  if (!(await isSubscriptionId(orderIdKeyring(env), id))) {
    throw new AppError('NOT_FOUND', 'no such subscription')
  }
  return subscriptionActor(env, id)
}
