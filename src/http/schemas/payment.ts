import { z } from '@hono/zod-openapi'
import { MoneySchema } from './money'

/** What one provider event did to its order. */
export const DeliverySchema = z
  .object({ eventId: z.string(), orderId: z.string(), outcome: z.string() })
  .openapi('PaymentDelivery', {
    description: 'paid, held_for_review, refunded, recorded, or duplicate:<first outcome>',
  })

export const SessionSchema = z
  .object({
    sessionId: z.string(),
    orderId: z.string(),
    amount: MoneySchema,
    stage: z.enum(['full', 'deposit', 'balance', 'merged']),
    attempt: z.number().int().positive(),
    url: z.string().nullable().openapi({ description: 'The hosted checkout page (Stripe)' }),
  })
  .openapi('PaymentSession')

export const StripeDeliverySchema = z
  .object({ eventId: z.string(), type: z.string(), applied: z.array(DeliverySchema) })
  .openapi('StripeDelivery')
