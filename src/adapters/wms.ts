import type { Address } from '../domain/order'
import type { WmsOrder } from '../domain/wms-order'

/**
 * The warehouse management system as the order center sees it. Paid orders
 * are pushed to it through the `order-events` queue; before outbound an order can be
 * intercepted. Every call is idempotent by order id, because queue deliveries and effect retries
 * repeat them.
 */

/** pushed: received, waiting to be picked. intercepted: stopped before outbound, never ships. */
export type WmsState = 'pushed' | 'picking' | 'outbound' | 'intercepted'

export type WmsFailureCode =
  | 'INVALID_REQUEST'
  | 'NOT_FOUND'
  | 'ALREADY_OUTBOUND'
  | 'INTERCEPTED'
  | 'ILLEGAL_STATE'

/** Business failures come back as values: callers decide by code whether a retry can help. */
export interface WmsFailure<C extends WmsFailureCode = WmsFailureCode> {
  readonly ok: false
  readonly code: C
  readonly message: string
}

export interface WmsShipment {
  readonly carrier: string
  readonly trackingNumber: string
}

export interface WmsStatus {
  readonly orderId: string
  readonly state: WmsState
  readonly version: number
  readonly shipment: WmsShipment | null
  readonly updatedAt: number
}

export type PushResult =
  | { readonly ok: true; readonly state: WmsState; readonly version: number }
  | WmsFailure<'INVALID_REQUEST'>

export type InterceptResult = { readonly ok: true } | WmsFailure<'ALREADY_OUTBOUND' | 'NOT_FOUND'>

export type AddressResult =
  | { readonly ok: true }
  | WmsFailure<'ALREADY_OUTBOUND' | 'NOT_FOUND' | 'INTERCEPTED'>

export interface Wms {
  /** Creates the order once; pushing it again only refreshes an older version not yet outbound. */
  push(order: WmsOrder): Promise<PushResult>
  /** Stops an order before outbound; an order already intercepted answers ok again. */
  intercept(orderId: string): Promise<InterceptResult>
  status(orderId: string): Promise<({ readonly ok: true } & WmsStatus) | WmsFailure<'NOT_FOUND'>>
  /** A new ship-to address for an order not yet outbound (PATCH /v1/orders/:id/address). */
  changeAddress(orderId: string, address: Address, version: number): Promise<AddressResult>
}

export function wmsFailure<C extends WmsFailureCode>(code: C, message: string): WmsFailure<C> {
  return { ok: false, code, message }
}

/** Why a push is malformed, or null; the queue consumer sends such a message to dead letters. */
export function invalidWmsOrder(order: WmsOrder): string | null {
  if (order.orderId.length === 0) return 'orderId is empty'
  if (!Number.isSafeInteger(order.version) || order.version < 1) return 'version must be >= 1'
  if (order.lines.length === 0) return 'an order to ship has lines'
  for (const line of order.lines) {
    if (!Number.isSafeInteger(line.qty) || line.qty <= 0) return `line ${line.lineNo} qty invalid`
    if (line.skuId.length === 0 || line.warehouseId.length === 0) {
      return `line ${line.lineNo} needs a SKU and a warehouse`
    }
  }
  return null
}
