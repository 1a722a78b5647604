/**
 * HMAC-SHA-256 keys by secret. Importing a key costs as much as using it, and every request signs
 * or verifies with the same few secrets (the JWT secret, the order-id keys), so each is imported
 * once per isolate.
 */
const keys = new Map<string, CryptoKey>()

export async function hmacKey(secret: string): Promise<CryptoKey> {
  const known = keys.get(secret)
  if (known) return known
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  )
  keys.set(secret, key)
  return key
}
