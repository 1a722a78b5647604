import { z } from '@hono/zod-openapi'
import type { WalletCoupon } from '../../durable-objects/wallet/client'
import type { Scope } from '../domain/pricing/types'
import { MoneySchema } from '../http/schemas'

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

const iso = (ms: number) => new Date(ms).toISOString()

/** A scope with mutable arrays, as the response schema types it. */
export function scopeView(scope: Scope): z.infer<typeof CouponViewSchema>['scope'] {
  return {
    ...(scope.storeIds ? { storeIds: [...scope.storeIds] } : {}),
    ...(scope.skuIds ? { skuIds: [...scope.skuIds] } : {}),
    ...(scope.categoryIds ? { categoryIds: [...scope.categoryIds] } : {}),
  }
}

export function couponView(c: WalletCoupon): z.infer<typeof CouponViewSchema> {
  return {
    id: c.id,
    templateId: c.templateId,
    title: c.title,
    status: c.status,
    orderId: c.orderId,
    // Usable only inside both windows: the coupon's own and its template's.
    validFrom: iso(Math.max(c.startsAt, c.terms.startsAt)),
    validUntil: iso(Math.min(c.endsAt, c.terms.endsAt)),
    threshold: c.terms.threshold,
    benefit: c.terms.benefit,
    scope: scopeView(c.terms.scope),
    stacking: c.terms.stacking,
    issuedAt: iso(c.issuedAt),
  }
}
