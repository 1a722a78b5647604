import { hmacKey } from './crypto/hmac-key'
import { AppError } from './errors'
import { logOnce } from './payments/config-log'

const alphabet = 'abcdefghijklmnopqrstuvwxyz234567'

function base32(bytes: Uint8Array, length: number): string {
  let out = ''
  let bits = 0
  let value = 0
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5 && out.length < length) {
      out += alphabet[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  return out
}

async function hmac(secret: string, message: string): Promise<Uint8Array> {
  const key = await hmacKey(secret)
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message)))
}

/**
 * A fresh random id for a record the system creates (an after-sale, a coupon, a reconciliation
 * run, a sandbox payment): `<prefix>_<hex>`, unguessable, `digits` hex digits long (at most 32).
 */
export function newId(prefix: string, digits = 32): string {
  return `${prefix}_${crypto.randomUUID().replaceAll('-', '').slice(0, digits)}`
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

const bodyLength = 20
const tagLength = 6
const orderIdPattern = new RegExp(`^ord_[a-z2-7]{${bodyLength + tagLength}}$`)

async function tag(secret: string, body: string): Promise<string> {
  return base32(await hmac(secret, `order-id:${body}`), tagLength)
}

/**
 * The keys of the order-id MAC: `current` signs new ids; `previous` (retired keys) still verify
 * the ids they signed, so rotating the key never orphans an order, its webhooks or its refunds.
 * Kept apart from the JWT secret, which can then rotate freely.
 */
export interface OrderIdKeyring {
  readonly current: string
  readonly previous: readonly string[]
}

const minKeyLength = 16

/** The keyring from ORDER_ID_KEY and ORDER_ID_KEYS_OLD, or 503 naming the missing key. */
export function orderIdKeyring(env: {
  ORDER_ID_KEY?: string | undefined
  ORDER_ID_KEYS_OLD?: string | undefined
}): OrderIdKeyring {
  const current = env.ORDER_ID_KEY ?? ''
  if (current.length < minKeyLength) {
    const message = `ORDER_ID_KEY must be set to at least ${minKeyLength} characters`
    logOnce('ORDER_ID_KEY_INVALID', message)
    throw new AppError('SERVER_MISCONFIGURED', message, { problem: 'ORDER_ID_KEY_INVALID' })
  }
  const previous = (env.ORDER_ID_KEYS_OLD ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k.length >= minKeyLength && k !== current)
  return { current, previous }
}

/**
 * The order id for a buyer's Idempotency-Key: the same key always names the same order actor, so
 * a retried submission lands where the first one did with no lookup. The id ends in a MAC so a
 * made-up id is refused before it can wake (and create) an actor.
 */
export async function orderIdFor(
  keys: OrderIdKeyring,
  userId: string,
  key: string,
): Promise<string> {
  const body = base32(await hmac(keys.current, `idempotency:${userId}\n${key}`), bodyLength)
  return `ord_${body}${await tag(keys.current, body)}`
}

/** The key that signed an id, current first; null for an id none of them signed. */
async function signingKey(keys: OrderIdKeyring, id: string): Promise<string | null> {
  if (!orderIdPattern.test(id)) return null
  const body = id.slice(4, 4 + bodyLength)
  const mac = id.slice(4 + bodyLength)
  for (const key of [keys.current, ...keys.previous]) {
    if ((await tag(key, body)) === mac) return key
  }
  return null
}

/**
 * A child order's id, derived from its parent with the key that signed the parent, so re-running
 * a split names the same children even after the key rotated.
 */
export async function childOrderId(
  keys: OrderIdKeyring,
  parentId: string,
  index: number,
): Promise<string> {
  const key = (await signingKey(keys, parentId)) ?? keys.current
  const body = base32(await hmac(key, `child:${parentId}:${index}`), bodyLength)
  return `ord_${body}${await tag(key, body)}`
}

export async function isOrderId(keys: OrderIdKeyring, id: string): Promise<boolean> {
  return (await signingKey(keys, id)) !== null
}

const subscriptionIdPattern = new RegExp(`^sub_[a-z2-7]{${bodyLength + tagLength}}$`)

async function subscriptionTag(secret: string, body: string): Promise<string> {
  return base32(await hmac(secret, `subscription-id:${body}`), tagLength)
}

/**
 * A subscription's id for a buyer's Idempotency-Key, made like an order id under the same keys
 * (with messages of its own, so neither kind of id passes for the other): a retried create lands
 * on the same actor with no lookup, and a made-up id is refused before it wakes one.
 */
export async function subscriptionIdFor(
  keys: OrderIdKeyring,
  userId: string,
  key: string,
): Promise<string> {
  const body = base32(await hmac(keys.current, `subscription:${userId}\n${key}`), bodyLength)
  return `sub_${body}${await subscriptionTag(keys.current, body)}`
}

export async function isSubscriptionId(keys: OrderIdKeyring, id: string): Promise<boolean> {
  if (!subscriptionIdPattern.test(id)) return false
  const body = id.slice(4, 4 + bodyLength)
  const mac = id.slice(4 + bodyLength)
  for (const key of [keys.current, ...keys.previous]) {
    if ((await subscriptionTag(key, body)) === mac) return true
  }
  return false
}
