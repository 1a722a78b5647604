/**
 * Standard Webhooks (standardwebhooks.com) signing and verification over WebCrypto, so the same
 * code runs in workerd, Miniflare and tests without a Node crypto polyfill.
 */

// A type alias, not an interface, so it still fits a plain `Record<string, string>` of headers.
export type WebhookHeaders = {
  readonly 'webhook-id': string
  readonly 'webhook-timestamp': string
  readonly 'webhook-signature': string
}

export type VerifyFailureReason =
  | 'MISSING_HEADERS'
  | 'BAD_TIMESTAMP'
  | 'STALE_TIMESTAMP'
  | 'BAD_SIGNATURE'

export type VerifyResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: VerifyFailureReason }

/** Headers as the request gives them, or a plain record (any letter case) as a test builds them. */
export type HeaderSource = Headers | Readonly<Record<string, string | undefined>>

const secretPrefix = 'whsec_'
const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
const timestampPattern = /^[0-9]{1,15}$/
const encoder = new TextEncoder()

/**
 * The HMAC key of a secret. Standard Webhooks secrets are `whsec_` and the base64 of the key;
 * a remainder that is not strict base64 (such as a hand-typed development secret) is used as its
 * UTF-8 bytes instead, so such a secret still signs and verifies the same on both sides rather
 * than failing at startup. An empty remainder is refused: it would sign with no key at all.
 */
export function secretKeyBytes(secret: string): Uint8Array {
  const raw = secret.startsWith(secretPrefix) ? secret.slice(secretPrefix.length) : secret
  if (raw.length === 0) throw new RangeError('webhook secret is empty')
  if (!base64Pattern.test(raw)) return encoder.encode(raw)
  return Uint8Array.from(atob(raw), (ch) => ch.charCodeAt(0))
}

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

async function signature(secret: string, id: string, timestamp: string, body: string) {
  const key = await crypto.subtle.importKey(
    'raw',
    secretKeyBytes(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const content = encoder.encode(`${id}.${timestamp}.${body}`)
  return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, content)))
}

/**
 * Compares in time that depends only on the lengths, so an attacker cannot learn a valid
 * signature byte by byte from response times. Signature lengths are public anyway.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length)
  let diff = a.length ^ b.length
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0)
  return diff === 0
}

/** The headers that make `body` a signed Standard Webhooks request; `timestamp` in unix seconds. */
export async function sign(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): Promise<WebhookHeaders> {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new RangeError(`webhook timestamp ${timestamp} is not unix seconds`)
  }
  const stamp = String(timestamp)
  return {
    'webhook-id': id,
    'webhook-timestamp': stamp,
    'webhook-signature': `v1,${await signature(secret, id, stamp, body)}`,
  }
}

function header(source: HeaderSource, name: string): string | undefined {
  if (source instanceof Headers) return source.get(name) ?? undefined
  const exact = source[name]
  if (exact !== undefined) return exact
  const key = Object.keys(source).find((k) => k.toLowerCase() === name)
  return key === undefined ? undefined : source[key]
}

/** The base64 parts of the `v1,` entries; other versions are skipped, as the scheme asks. */
function v1Signatures(list: string): string[] {
  return list
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => entry.slice(3))
}

/**
 * Checks a received webhook. `body` must be the raw request text: re-serialised JSON would not
 * match. A timestamp too far in either direction is STALE_TIMESTAMP, which bounds how long a
 * captured request can be replayed; event-id dedup covers replays inside the window.
 */
export async function verify(
  secret: string,
  headers: HeaderSource,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): Promise<VerifyResult> {
  const id = header(headers, 'webhook-id')
  const stamp = header(headers, 'webhook-timestamp')
  const list = header(headers, 'webhook-signature')
  if (!id || !stamp || !list) return { ok: false, reason: 'MISSING_HEADERS' }
  if (!timestampPattern.test(stamp)) return { ok: false, reason: 'BAD_TIMESTAMP' }
  if (Math.abs(nowSeconds - Number(stamp)) > toleranceSeconds) {
    return { ok: false, reason: 'STALE_TIMESTAMP' }
  }
  const expected = await signature(secret, id, stamp, body)
  let matched = false
  // Every candidate is compared, so the position of the valid one does not show in the timing.
  for (const candidate of v1Signatures(list))
    matched = timingSafeEqual(candidate, expected) || matched
  return matched ? { ok: true } : { ok: false, reason: 'BAD_SIGNATURE' }
}
