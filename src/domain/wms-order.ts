import type { Address, Order } from './order'
import { linesToShip } from './partial-cancel/remainder'

export interface WmsLine {
  readonly lineNo: number
  readonly skuId: string
  readonly qty: number
  readonly warehouseId: string
}

/** What the warehouse needs to pick, pack and ship one order (one package). */
export interface WmsOrder {
  readonly orderId: string
  /** The order's version when this was read: a newer push replaces an older one's data. */
  readonly version: number
  readonly storeId: string
  readonly lines: readonly WmsLine[]
  readonly address: Address
}

/** The order actor's answer to the queue consumer: push this order as it is now, or withdraw it. */
export type FulfilmentClaim =
  | { readonly kind: 'push'; readonly order: WmsOrder }
  | { readonly kind: 'withdraw'; readonly reason: string }

/**
 * What the warehouse needs of an order: each line's SKU and quantity and the warehouse the
 * placement chose for it, and where to send it. The version lets a later push (after an
 * address change) replace an earlier one that is still in flight.
 */
export function wmsOrderOf(
  order: Pick<
    Order,
    'id' | 'version' | 'storeId' | 'storeIds' | 'lines' | 'stock' | 'address' | 'partialCancels'
  >,
): WmsOrder {
  const warehouseOf = new Map(order.stock.map((s) => [s.lineNo, s.warehouseId]))
  return {
    orderId: order.id,
    version: order.version,
    storeId: order.storeId ?? order.storeIds[0] ?? '',
    // Units cancelled before shipment are not picked: the warehouse ships the rest.
    lines: linesToShip(order, order.lines).map((l) => ({
      lineNo: l.lineNo,
      skuId: l.skuId,
      qty: l.qty,
      warehouseId: warehouseOf.get(l.lineNo) ?? '',
    })),
    address: order.address,
  }
}
