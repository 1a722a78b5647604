import { z } from 'zod'
import { addressSchema } from './address'
import type { WmsOrder } from './wms-order'

/**
 * A message of the `order-events` Queue: one order event the world outside the actor acts on.
 * Produced from the order actor's outbox flush, so a message can be sent twice; the consumer
 * acts on each event id once (queue_receipts).
 */
export const orderEventTypes = [
  'order.paid',
  'order.address_changed',
  'order.cancelled',
  'order.closed',
] as const
export type OrderEventType = (typeof orderEventTypes)[number]

interface EventBase {
  /** `${orderId}:${seq}` of the actor's event: stable across outbox redeliveries. */
  readonly eventId: string
  readonly orderId: string
  /** When the event happened, epoch ms. */
  readonly at: number
}

/** Events the warehouse acts on carry the order as it needs it at that event. */
export type OrderEventMessage =
  | (EventBase & {
      readonly type: 'order.paid' | 'order.address_changed'
      readonly order: WmsOrder
    })
  | (EventBase & { readonly type: 'order.cancelled' | 'order.closed' })

export function orderEventId(orderId: string, seq: number): string {
  return `${orderId}:${seq}`
}

/**
 * Which order actions the queue hears of. Only a payment that leaves the order waiting for
 * shipment is news to the warehouse: a virtual good completes on payment and ships nothing.
 */
export function queueEventFor(action: string, to: string): OrderEventType | null {
  if ((action === 'pay' || action === 'pay_balance') && to === 'pending_shipment') {
    return 'order.paid'
  }
  if (action === 'cancel_paid' || action === 'intercept_succeeded') return 'order.cancelled'
  if (action === 'close') return 'order.closed'
  if (action === 'address_changed') return 'order.address_changed'
  return null
}

const wmsOrderSchema = z.object({
  orderId: z.string().min(1),
  version: z.number().int().min(1),
  storeId: z.string(),
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      skuId: z.string().min(1),
      qty: z.number().int().positive(),
      warehouseId: z.string().min(1),
    }),
  ),
  address: addressSchema,
})

const base = { eventId: z.string().min(1), orderId: z.string().min(1), at: z.number().int() }

/** Bodies are checked on arrival: a message from an older or broken producer is not half-acted on. */
export const orderEventMessageSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.enum(['order.paid', 'order.address_changed']),
    order: wmsOrderSchema,
  }),
  z.object({ ...base, type: z.enum(['order.cancelled', 'order.closed']) }),
])
