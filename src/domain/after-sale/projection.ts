import type { Order } from '../order'
import { afterSaleProcessFor } from '../process/registry'
import type { AfterSale } from './record'

/**
 * The after-sale as the D1 `after_sales` table (migration 0008) holds it for admin reports. It
 * travels in the order actor's outbox beside the order's own row and moves forward by version,
 * so a redelivered batch never sets it back.
 */
export interface AfterSaleRow {
  readonly id: string
  readonly order_id: string
  readonly user_id: string
  readonly store_id: string
  readonly type: AfterSale['type']
  readonly reason: string
  readonly status: AfterSale['status']
  /** What was (or will be) paid back: the committed plan's total, 0 before it and for exchanges. */
  readonly refund_amount: number
  readonly currency: string
  readonly version: number
  readonly created_at: number
  readonly updated_at: number
  readonly resolved_at: number | null
}

export function afterSaleRow(
  order: Pick<Order, 'userId' | 'storeId' | 'storeIds' | 'currency'>,
  a: AfterSale,
): AfterSaleRow {
  const ended = afterSaleProcessFor(a.type).terminal.includes(a.status)
  return {
    id: a.id,
    order_id: a.orderId,
    user_id: order.userId,
    // After-sales are opened on orders that ship as one package, hence from one store.
    store_id: order.storeId ?? order.storeIds[0] ?? '',
    type: a.type,
    reason: a.reason,
    status: a.status,
    refund_amount: a.refund?.total ?? 0,
    currency: order.currency,
    version: a.version,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    resolved_at: ended ? a.updatedAt : null,
  }
}
