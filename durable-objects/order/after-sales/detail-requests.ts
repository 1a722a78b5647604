import type { AfterSalePatch } from '../../../src/domain/after-sale/record'
import type { ReturnAddress } from '../../../src/domain/after-sale/return-address'
import type { ReturnFreight } from '../../../src/domain/after-sale/return-freight'
import type { Json } from '../../../src/domain/order'
import type { AfterSaleAction } from '../../../src/domain/process/after-sale-types'
import { fail, type Result } from '../../../src/errors'

type Payload = { readonly [k: string]: Json }

/** An action with what it records (the shape of requests.ts's ActionAsk). */
type Ask = {
  readonly action: AfterSaleAction
  readonly patch?: AfterSalePatch
  readonly payload?: { [k: string]: Json }
}

const text = (v: Json | undefined, min: number, max: number): string | null =>
  typeof v === 'string' && v.length >= min && v.length <= max ? v : null

function invalid(field: string, message: string) {
  return fail('VALIDATION_FAILED', `json ${field}: ${message}`, {
    target: 'json',
    issues: [{ field, code: 'invalid', message }],
  })
}

const isObject = (v: Json | undefined): v is { [k: string]: Json } =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** The return address as the routes validate it, checked again for callers over RPC. */
function addressOf(v: Json | undefined): ReturnAddress | null {
  if (!isObject(v)) return null
  const name = text(v.name, 1, 100)
  const phone = text(v.phone, 3, 32)
  const region = text(v.region, 2, 16)
  const city = text(v.city, 1, 100)
  const line1 = text(v.line1, 1, 300)
  const postalCode = v.postalCode === undefined ? undefined : text(v.postalCode, 0, 16)
  if (!name || !phone || !region || !city || !line1 || postalCode === null) return null
  return { name, phone, region, city, line1, ...(postalCode === undefined ? {} : { postalCode }) }
}

/** An approval, with the return address when one is given (goods coming back need it). */
export function approve(payload: Payload): Result<Ask> {
  if (payload.returnAddress === undefined) return { ok: true, action: 'approve' }
  const returnAddress = addressOf(payload.returnAddress)
  if (!returnAddress) return invalid('returnAddress', 'name, phone, region, city and line1')
  // The event keeps the region only, as an address change does: the rest is the merchant's.
  const logged = { returnRegion: returnAddress.region }
  return { ok: true, action: 'approve', patch: { returnAddress }, payload: logged }
}

function freightOf(v: Json | undefined): ReturnFreight | null {
  if (!isObject(v) || !isObject(v.amount)) return null
  const { amount, currency } = v.amount
  const paidBy = v.paidBy
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) return null
  if (typeof currency !== 'string' || (paidBy !== 'buyer' && paidBy !== 'merchant')) return null
  return { amount, currency, paidBy }
}

/** The goods arrived, with what their waybill says the return shipment cost, when stated. */
export function receive(payload: Payload): Result<Ask> {
  if (payload.returnFreight === undefined) return { ok: true, action: 'receive_return' }
  const returnFreight = freightOf(payload.returnFreight)
  if (!returnFreight) return invalid('returnFreight', 'an amount of 0 or more and paidBy')
  const { amount, currency, paidBy } = returnFreight
  const logged = { amount, currency, paidBy }
  return { ok: true, action: 'receive_return', patch: { returnFreight }, payload: logged }
}

/** The repaired goods sent back to the buyer, with carrier and tracking number. */
export function sendRepaired(payload: Payload): Result<Ask> {
  const carrier = text(payload.carrier, 1, 64)
  const trackingNumber = text(payload.trackingNumber, 1, 64)
  if (!carrier) return invalid('carrier', 'a carrier of 1 to 64 characters')
  if (!trackingNumber) return invalid('trackingNumber', 'a tracking number of 1 to 64 characters')
  const repairShipment = { carrier, trackingNumber }
  return { ok: true, action: 'send_repaired', patch: { repairShipment }, payload: repairShipment }
}
