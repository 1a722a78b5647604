import type { OrderEventMessage } from '../domain/order-events'
import type { FulfilmentClaim, WmsOrder } from '../domain/wms-order'

/**
 * The order actor's say on whether an order belongs in the warehouse now, and as what. The
 * consumer asks before a push and again after it: a cancel that slipped in between is seen by
 * the second question and the push is withdrawn, so a paid-then-cancelled order never ships.
 * The actor's implementation marks the order pushed in the same transaction as its answer, so a
 * cancel after the first question intercepts instead of cancelling on the spot.
 */
export interface FulfilmentGate {
  claim(message: Extract<OrderEventMessage, { order: WmsOrder }>): Promise<FulfilmentClaim>
}

/**
 * Until the actor answers (integration plan), the message's own snapshot is the answer. It
 * pushes paid orders and address changes faithfully; what it cannot see is a cancel that races
 * the push, which the `order.cancelled` message then withdraws.
 */
export const messageGate: FulfilmentGate = {
  claim: async (message) => ({ kind: 'push', order: message.order }),
}
