import { MAX_COUPONS_PER_ORDER } from './coupon-selection'
import { type CouponContext, checkCoupon, type UsableCoupon } from './coupons'
import type { RejectedCoupon } from './quote-types'
import type { Coupon, CouponRejectionReason } from './types'

type Checked =
  | { readonly couponId: string; readonly usable: UsableCoupon }
  | { readonly couponId: string; readonly reason: CouponRejectionReason }

interface SetRule {
  readonly reason: CouponRejectionReason
  /** Positions in the buyer's list that break the rule. */
  readonly offenders: (ids: readonly string[], checked: readonly Checked[]) => number[]
}

const positions = (ids: readonly string[], bad: (id: string, i: number) => boolean) =>
  ids.flatMap((id, i) => (bad(id, i) ? [i] : []))

const isExclusive = (c: Checked | undefined) =>
  c !== undefined && 'usable' in c && c.usable.template.stacking === 'exclusive'

/** Rules over the whole list; a coupon gets the first reason that names it. */
const setRules: readonly SetRule[] = [
  { reason: 'DUPLICATE', offenders: (ids) => positions(ids, (id, i) => ids.indexOf(id) !== i) },
  {
    reason: 'TOO_MANY_COUPONS',
    offenders: (ids) => positions(ids, (_id, i) => i >= MAX_COUPONS_PER_ORDER),
  },
  {
    reason: 'NOT_STACKABLE',
    offenders: (ids, checked) =>
      ids.length > 1 ? positions(ids, (_id, i) => isExclusive(checked[i])) : [],
  },
]

function setReasons(
  ids: readonly string[],
  checked: readonly Checked[],
): Map<number, CouponRejectionReason> {
  const reasons = new Map<number, CouponRejectionReason>()
  for (const rule of setRules) {
    for (const i of rule.offenders(ids, checked)) if (!reasons.has(i)) reasons.set(i, rule.reason)
  }
  return reasons
}

/**
 * Validates the coupons a buyer named. Either every one is usable together, or the answer lists
 * each refused coupon with its reason (its own check first, then the rules over the list).
 */
export function validateExplicitCoupons(
  ids: readonly string[],
  wallet: readonly Coupon[],
  ctx: CouponContext,
):
  | { readonly ok: true; readonly coupons: readonly UsableCoupon[] }
  | { readonly ok: false; readonly rejected: readonly RejectedCoupon[] } {
  const byId = new Map(wallet.map((c) => [c.id, c]))
  const checked: Checked[] = ids.map((couponId) => {
    const check = checkCoupon(byId.get(couponId), ctx)
    return check.ok ? { couponId, usable: check.usable } : { couponId, reason: check.reason }
  })
  const listReasons = setReasons(ids, checked)
  const rejected = checked.flatMap((c, i): RejectedCoupon[] => {
    const reason = 'reason' in c ? c.reason : listReasons.get(i)
    return reason ? [{ couponId: c.couponId, reason }] : []
  })
  if (rejected.length > 0) return { ok: false, rejected }
  return { ok: true, coupons: checked.flatMap((c) => ('usable' in c ? [c.usable] : [])) }
}
