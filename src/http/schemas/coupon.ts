import { z } from '@hono/zod-openapi'
import { MoneySchema } from './money'

/** A coupon as its owner (or an admin) sees it: status, validity and the terms it carries. */
export const CouponViewSchema = z
  .object({
    id: z.string(),
    templateId: z.string(),
    title: z.string(),
    status: z.enum(['available', 'locked', 'used']),
    orderId: z.string().nullable(),
    validFrom: z.string(),
    validUntil: z.string(),
    threshold: MoneySchema,
    benefit: z.union([
      z.object({ kind: z.literal('amount_off'), amountOff: MoneySchema }),
      z.object({
        kind: z.literal('percent_off'),
        percentOffBps: z.number().int(),
        cap: MoneySchema.optional(),
      }),
    ]),
    scope: z.object({
      storeIds: z.array(z.string()).optional(),
      skuIds: z.array(z.string()).optional(),
      categoryIds: z.array(z.string()).optional(),
    }),
    stacking: z.enum(['stackable', 'exclusive']),
    issuedAt: z.string(),
  })
  .openapi('Coupon')
