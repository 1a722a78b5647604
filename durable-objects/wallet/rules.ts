import { type Failure, fail } from '../../src/errors'
import type { IssueCoupon, RedeemRefusal, Redemption, WalletCoupon } from './types'

/** The most coupons one redemption may hold; the engine uses at most 3 per order. */
export const MAX_REDEEM_COUPONS = 10

const isId = (s: unknown): s is string => typeof s === 'string' && s.length > 0 && s.length <= 128
const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0

/**
 * Why `coupon` cannot be held by `orderId` at `now`, or null when it can. A coupon already held
 * by this same order is fine: that is a retry. Windows are the narrower of coupon and template.
 */
export function refusalOf(
  coupon: WalletCoupon | null,
  orderId: string,
  now: number,
): RedeemRefusal | null {
  if (!coupon) return 'NOT_FOUND'
  if (coupon.status === 'used') return 'USED'
  if (coupon.status === 'locked' && coupon.orderId !== orderId) return 'LOCKED'
  if (now < Math.max(coupon.startsAt, coupon.terms.startsAt)) return 'NOT_STARTED'
  if (now >= Math.min(coupon.endsAt, coupon.terms.endsAt)) return 'EXPIRED'
  return null
}

export function badRedeemRequest(
  orderId: unknown,
  couponIds: unknown,
  points: unknown,
): Failure | null {
  if (!isId(orderId)) return fail('BAD_REQUEST', 'orderId must be a non-empty string')
  if (!Array.isArray(couponIds) || !couponIds.every(isId)) {
    return fail('BAD_REQUEST', 'couponIds must be a list of coupon ids')
  }
  if (couponIds.length > MAX_REDEEM_COUPONS || new Set(couponIds).size !== couponIds.length) {
    return fail('BAD_REQUEST', `couponIds must be distinct, at most ${MAX_REDEEM_COUPONS}`)
  }
  if (!isCount(points)) return fail('BAD_REQUEST', 'points must be a non-negative integer')
  return null
}

export function badPoints(points: unknown, opId: unknown): Failure | null {
  if (!isCount(points) || points === 0) {
    return fail('BAD_REQUEST', 'points must be a positive integer')
  }
  return isId(opId) ? null : fail('BAD_REQUEST', 'opId must be a non-empty string')
}

export function badCoupon(c: IssueCoupon): Failure | null {
  const ok =
    isId(c.id) &&
    isId(c.terms?.id) &&
    typeof c.title === 'string' &&
    Number.isSafeInteger(c.startsAt) &&
    Number.isSafeInteger(c.endsAt) &&
    c.startsAt < c.endsAt
  return ok ? null : fail('BAD_REQUEST', 'a coupon needs ids, a title and a window start < end')
}

/** A retry names the same coupons (in any order) and the same points. */
export function sameRequest(r: Redemption, couponIds: readonly string[], points: number): boolean {
  const a = [...r.couponIds].sort()
  const b = [...couponIds].sort()
  return r.points === points && a.length === b.length && a.every((id, i) => id === b[i])
}

export function couponNotUsable(couponId: string, reason: RedeemRefusal): Failure {
  return fail('COUPON_NOT_USABLE', `coupon ${couponId} cannot be used: ${reason}`, {
    couponId,
    reason,
  })
}
