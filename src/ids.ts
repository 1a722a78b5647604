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
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message)))
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
 * The order id for a buyer's Idempotency-Key: the same key always names the same order actor, so
 * a retried submission lands where the first one did with no lookup. The id ends in a MAC so a
 * made-up id is refused before it can wake (and create) an actor.
 */
export async function orderIdFor(secret: string, userId: string, key: string): Promise<string> {
  const body = base32(await hmac(secret, `idempotency:${userId}\n${key}`), bodyLength)
  return `ord_${body}${await tag(secret, body)}`
}

/** A child order's id, derived from its parent so re-running a split names the same children. */
export async function childOrderId(
  secret: string,
  parentId: string,
  index: number,
): Promise<string> {
  const body = base32(await hmac(secret, `child:${parentId}:${index}`), bodyLength)
  return `ord_${body}${await tag(secret, body)}`
}

export async function isOrderId(secret: string, id: string): Promise<boolean> {
  if (!orderIdPattern.test(id)) return false
  const body = id.slice(4, 4 + bodyLength)
  return (await tag(secret, body)) === id.slice(4 + bodyLength)
}
