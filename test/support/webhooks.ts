import { env } from 'cloudflare:test'
import { vi } from 'vitest'
import { type HeaderSource, type VerifyResult, verify } from '../../src/adapters/webhook-signature'

/** The Standard Webhooks secret the test Worker is configured with. */
export const webhookSecret = env.WEBHOOK_SECRET ?? ''

/** Verifies as a receiver whose clock reads `nowSeconds` (the library reads the clock itself). */
export function verifyAt(
  nowSeconds: number,
  headers: HeaderSource,
  body: string,
  secret = webhookSecret,
): VerifyResult {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(nowSeconds * 1000)
  try {
    return verify(secret, headers, body)
  } finally {
    vi.useRealTimers()
  }
}
