import type { WmsOrder } from '../adapters/wms'
import type { Order } from './order'

/**
 * What the warehouse needs of an order: each line's SKU and quantity and the warehouse the
 * placement chose for it, and where to send it. The version lets a later push (after an
 * address change) replace an earlier one that is still in flight.
 */
export function wmsOrderOf(
  order: Pick<Order, 'id' | 'version' | 'storeId' | 'storeIds' | 'lines' | 'stock' | 'address'>,
): WmsOrder {
  const warehouseOf = new Map(order.stock.map((s) => [s.lineNo, s.warehouseId]))
  return {
    orderId: order.id,
    version: order.version,
    storeId: order.storeId ?? order.storeIds[0] ?? '',
    lines: order.lines.map((l) => ({
      lineNo: l.lineNo,
      skuId: l.skuId,
      qty: l.qty,
      warehouseId: warehouseOf.get(l.lineNo) ?? '',
    })),
    address: order.address,
  }
}
