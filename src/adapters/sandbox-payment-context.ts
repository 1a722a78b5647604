import { newId } from '../ids'
import type { PaymentEvent, SignedWebhook } from './payment-events'
import type { ProviderResult } from './payment-provider'
import { sign } from './webhook-signature'

/** What every part of the sandbox provider shares: its tables, its signing secret, its clock. */
export interface SandboxContext {
  readonly db: D1Database
  readonly secret: string
  /** Epoch milliseconds; injected so tests can place movements in time. */
  readonly clock: () => number
}

/** A provider-style id: a prefix and 24 random hex digits, unguessable like a real provider's. */
export function sandboxId(prefix: 'cs' | 'pay' | 're' | 'evt'): string {
  return newId(prefix, 24)
}

export function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000)
}

export function isAmount(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0
}

export function isCurrency(value: string): boolean {
  return /^[A-Z]{3}$/.test(value)
}

/** An event of the sandbox and the signed request that delivers it to our webhook route. */
export type SandboxDelivery = ProviderResult<SignedWebhook & { readonly event: PaymentEvent }>

/**
 * The webhook request for an event. The body is fixed by the event, so a redelivery is the same
 * bytes under the same webhook-id; only the signing time is fresh, as with a provider's retries,
 * so a redelivery is not refused as stale.
 */
export async function signedWebhook(
  ctx: SandboxContext,
  event: PaymentEvent,
): Promise<SandboxDelivery> {
  const body = JSON.stringify(event)
  const headers = await sign(ctx.secret, event.id, unixSeconds(ctx.clock()), body)
  return { ok: true, body, headers: { ...headers, 'content-type': 'application/json' }, event }
}
