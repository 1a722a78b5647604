import { z } from '@hono/zod-openapi'

/**
 * What the payment provider tells us by webhook. A refund event also names its refund, so the
 * ledger can key the row on the refund id whether it learns of the refund from the `refund`
 * call or from this event.
 */
const ids = {
  sessionId: z.string().min(1).max(200),
  paymentId: z.string().min(1).max(200),
  orderId: z.string().min(1).max(200),
}
const amount = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)
const currency = z.string().regex(/^[A-Z]{3}$/)
const envelope = {
  id: z.string().regex(/^evt_[A-Za-z0-9_-]{1,200}$/),
  created: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
}

export const PaymentEventDataSchema = z.object({ ...ids, amount, currency })
export const RefundEventDataSchema = z.object({
  ...ids,
  refundId: z.string().min(1).max(200),
  amount,
  currency,
})

export const PaymentEventSchema = z
  .discriminatedUnion('type', [
    z.object({
      ...envelope,
      type: z.enum(['payment.succeeded', 'payment.failed']),
      data: PaymentEventDataSchema,
    }),
    z.object({ ...envelope, type: z.literal('refund.succeeded'), data: RefundEventDataSchema }),
  ])
  .openapi('PaymentEvent', {
    description: 'A payment provider webhook event; `created` is unix seconds',
  })

export type PaymentEvent = z.infer<typeof PaymentEventSchema>
export type PaymentEventType = PaymentEvent['type']

/** A webhook ready to POST: the exact body that was signed and the Standard Webhooks headers. */
export interface SignedWebhook {
  readonly body: string
  readonly headers: Readonly<Record<string, string>>
}
