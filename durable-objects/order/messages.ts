import type { Order } from '../../src/domain/order'
import {
  type OrderEventMessage,
  type OrderEventType,
  orderEventId,
} from '../../src/domain/order-events'
import { wmsOrderOf } from '../../src/domain/wms-order'

/**
 * The order-events message for an event of this order: its id is the event's (order, seq), so a
 * resent message is recognised by the consumer. Events the warehouse acts on carry the order as
 * the warehouse needs it.
 */
export function orderMessage(order: Order, type: OrderEventType, at: number): OrderEventMessage {
  const base = { eventId: orderEventId(order.id, order.version), orderId: order.id, at }
  if (type === 'order.paid' || type === 'order.address_changed') {
    return { ...base, type, order: wmsOrderOf(order) }
  }
  return { ...base, type }
}
