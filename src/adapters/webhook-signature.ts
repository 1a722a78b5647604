import { Webhook, WebhookVerificationError } from 'standardwebhooks'

/**
 * Standard Webhooks (standardwebhooks.com) through the scheme's reference library, behind a thin
 * wrapper that turns its exceptions into typed reasons a route can answer with.
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
  | 'SECRET_INVALID'

export type VerifyResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: VerifyFailureReason }

/** Headers as the request gives them, or a plain record (any letter case) as a test builds them. */
export type HeaderSource = Headers | Readonly<Record<string, string | undefined>>

const timestampPattern = /^[0-9]{1,15}$/
const names = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const

/** The library's key for a `whsec_` + base64 secret; null for anything else (never raw bytes). */
function webhookFor(secret: string): Webhook | null {
  if (!/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret)) return null
  try {
    return new Webhook(secret)
  } catch {
    return null
  }
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
  const webhook = webhookFor(secret)
  if (!webhook) throw new RangeError('the webhook secret is not whsec_ and base64')
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': webhook.sign(id, new Date(timestamp * 1000), body),
  }
}

function lowerCased(source: HeaderSource): Record<string, string> {
  const out: Record<string, string> = {}
  if (source instanceof Headers) {
    for (const name of names) {
      const value = source.get(name)
      if (value) out[name] = value
    }
    return out
  }
  for (const [key, value] of Object.entries(source)) {
    if (value) out[key.toLowerCase()] = value
  }
  return out
}

function reasonOf(error: unknown): VerifyFailureReason {
  if (!(error instanceof WebhookVerificationError)) return 'BAD_SIGNATURE'
  if (/timestamp too (old|new)/i.test(error.message)) return 'STALE_TIMESTAMP'
  if (/missing/i.test(error.message)) return 'MISSING_HEADERS'
  if (/invalid signature headers/i.test(error.message)) return 'BAD_TIMESTAMP'
  return 'BAD_SIGNATURE'
}

/**
 * Checks a received webhook against the clock: `body` must be the raw request text (re-serialised
 * JSON would not match). A timestamp more than five minutes either way is STALE_TIMESTAMP, which
 * bounds how long a captured request can be replayed; event-id dedup covers replays inside it.
 */
export function verify(secret: string, source: HeaderSource, body: string): VerifyResult {
  const webhook = webhookFor(secret)
  if (!webhook) return { ok: false, reason: 'SECRET_INVALID' }
  const headers = lowerCased(source)
  if (names.some((name) => !headers[name])) return { ok: false, reason: 'MISSING_HEADERS' }
  if (!timestampPattern.test(headers['webhook-timestamp'] ?? '')) {
    return { ok: false, reason: 'BAD_TIMESTAMP' }
  }
  try {
    webhook.verify(body, headers, { jsonParse: false })
    return { ok: true }
  } catch (error) {
    return { ok: false, reason: reasonOf(error) }
  }
}
