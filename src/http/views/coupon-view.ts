import type { z } from '@hono/zod-openapi'
import type { WalletCoupon } from '../../../durable-objects/wallet/client'
import type { Scope } from '../../domain/pricing/types'
import type { CouponViewSchema } from '../schemas/coupon'

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
