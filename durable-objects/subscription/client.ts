import type { Env } from '../../src/env'
import { AppError } from '../../src/errors'
import { orderIdKeyring } from '../../src/ids'

/**
 * How the Worker reaches subscription actors. A subscription id is derived from the buyer and
 * the Idempotency-Key (a retried create lands on the same actor with no lookup) and ends in a MAC
 * under the order-id keys, so a made-up id is refused before it can wake, and create, an actor.
 */
type KeyEnv = Pick<Env, 'ORDER_ID_KEY'> & { ORDER_ID_KEYS_OLD?: string }

const bodyHex = 24
const tagHex = 12
const idPattern = new RegExp(`^sub_[0-9a-f]{${bodyHex + tagHex}}$`)

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message))
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

async function tag(secret: string, body: string): Promise<string> {
  return (await hmacHex(secret, `subscription-id:${body}`)).slice(0, tagHex)
}

export async function subscriptionIdFor(env: KeyEnv, userId: string, key: string): Promise<string> {
  const { current } = orderIdKeyring(env)
  const body = (await hmacHex(current, `subscription:${userId}\n${key}`)).slice(0, bodyHex)
  return `sub_${body}${await tag(current, body)}`
}

export async function isSubscriptionId(env: KeyEnv, id: string): Promise<boolean> {
  if (!idPattern.test(id)) return false
  const body = id.slice(4, 4 + bodyHex)
  const keys = orderIdKeyring(env)
  for (const secret of [keys.current, ...keys.previous]) {
    if ((await tag(secret, body)) === id.slice(4 + bodyHex)) return true
  }
  return false
}

export function subscriptionActor(env: Pick<Env, 'SUBSCRIPTION_ACTOR'>, id: string) {
  return env.SUBSCRIPTION_ACTOR.get(env.SUBSCRIPTION_ACTOR.idFromName(id))
}

/** The actor of an id from a path: 404 for an id this deployment never issued. */
export async function subscriptionStub(env: Env, id: string) {
  if (!(await isSubscriptionId(env, id))) throw new AppError('NOT_FOUND', 'no such subscription')
  return subscriptionActor(env, id)
}
