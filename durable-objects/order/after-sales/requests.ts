import type { AfterSalePatch } from '../../../src/domain/after-sale/record'
import type { Json } from '../../../src/domain/order'
import type { AfterSaleAction } from '../../../src/domain/process/after-sale-types'
import { fail, type Result } from '../../../src/errors'
import { approve, receive, sendRepaired } from './detail-requests'

/** What a caller's action brings to the after-sale besides its name. */
export interface ActionAsk {
  readonly action: AfterSaleAction
  readonly patch?: AfterSalePatch
  readonly rejectReason?: string
  readonly payload?: { [k: string]: Json }
}

type Payload = { readonly [k: string]: Json }

/** Actions a person may ask for; the timers' and the provider's are the system's alone. */
const asked: readonly AfterSaleAction[] = [
  'approve',
  'reject',
  'withdraw',
  'ship_return',
  'receive_return',
  'send_exchange',
  'send_repaired',
]

const text = (v: Json | undefined, max: number): string | null =>
  typeof v === 'string' && v.length > 0 && v.length <= max ? v : null

function invalid(field: string, message: string) {
  return fail('VALIDATION_FAILED', `json ${field}: ${message}`, {
    target: 'json',
    issues: [{ field, code: 'invalid', message }],
  })
}

function shipReturn(payload: Payload): Result<ActionAsk> {
  const carrier = text(payload.carrier, 64)
  const trackingNumber = text(payload.trackingNumber, 64)
  if (!carrier) return invalid('carrier', 'a carrier of 1 to 64 characters')
  if (!trackingNumber) return invalid('trackingNumber', 'a tracking number of 1 to 64 characters')
  const returnShipment = { carrier, trackingNumber }
  return { ok: true, action: 'ship_return', patch: { returnShipment }, payload: returnShipment }
}

function reject(payload: Payload): Result<ActionAsk> {
  const reason = text(payload.reason, 500)
  if (!reason) return invalid('reason', 'a reason of 1 to 500 characters')
  return { ok: true, action: 'reject', rejectReason: reason, payload: { reason } }
}

/**
 * The action and what it records, checked again here because the actor is reachable over RPC
 * from more than the routes: a tracking number for a return, a reason for a refusal, a return
 * address on approval, the return freight on receipt.
 */
export function askOf(action: string, payload: Payload): Result<ActionAsk> {
  const known = asked.find((a) => a === action)
  if (!known) return fail('BAD_REQUEST', `no after-sale action ${action}`)
  if (known === 'ship_return') return shipReturn(payload)
  if (known === 'reject') return reject(payload)
  if (known === 'approve') return approve(payload)
  if (known === 'receive_return') return receive(payload)
  if (known === 'send_repaired') return sendRepaired(payload)
  return { ok: true, action: known }
}
