/**
 * Points go back in proportion to the money going back; coupons do not go back once an order is
 * paid (a coupon is single-use and cannot be cut into pieces).
 *
 * The rule, kept cumulative so rounding never leaks: after refunds totalling R of the order's
 * final amount F, the buyer has had floor(P x R / F) of the P points back. Each refund returns the
 * difference between that figure after it and before it. The figure never decreases, never
 * exceeds P, and reaches exactly P when R = F, so the refund that empties the order takes whatever
 * the earlier round-downs left. When F is 0 (points and coupons paid for everything) money cannot
 * weigh the refund, so units do: R and F count units instead.
 */
export interface PointsShare {
  readonly pointsUsed: number
  /** What has been refunded (minor units, or units when the order's final is 0). */
  readonly refunded: number
  /** The whole it is a share of; the order's final amount, or its units. */
  readonly whole: number
}

/** floor(P x R / F) in BigInt: exact for any amounts, no floats. */
export function pointsReturnedAt(share: PointsShare): number {
  if (share.whole <= 0 || share.pointsUsed <= 0) return 0
  const capped = Math.min(Math.max(share.refunded, 0), share.whole)
  return Number((BigInt(share.pointsUsed) * BigInt(capped)) / BigInt(share.whole))
}

/** The points one refund gives back: the cumulative figure after it minus the one before it. */
export function pointsForRefund(pointsUsed: number, whole: number, before: number, after: number) {
  const at = (refunded: number) => pointsReturnedAt({ pointsUsed, refunded, whole })
  return at(after) - at(before)
}
