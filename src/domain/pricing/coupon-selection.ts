import type { UsableCoupon } from './coupons'
import { allocateLayer, type LayerAllocation } from './layered-allocation'

/**
 * At most this many coupons per order. It bounds the search (a wallet of n usable coupons gives
 * at most n + C(n,2) + C(n,3) sets, and pruning below keeps n small) and matches what storefronts
 * show a buyer.
 */
export const MAX_COUPONS_PER_ORDER = 3

export interface CouponSetEvaluation {
  /** In application order. */
  readonly coupons: readonly UsableCoupon[]
  readonly total: number
  readonly allocation: LayerAllocation
}

/**
 * Coupons of one set are applied by template id, then coupon id: a fixed order that depends on
 * the template only, so swapping a coupon for a twin from the same template never changes the
 * deduction. Each coupon takes its stand-alone deduction clamped to what its lines still cost.
 */
function byApplicationOrder(a: UsableCoupon, b: UsableCoupon): number {
  return compareStrings(a.template.id, b.template.id) || compareStrings(a.coupon.id, b.coupon.id)
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function evaluateCouponSet(
  set: readonly UsableCoupon[],
  amounts: readonly number[],
): CouponSetEvaluation {
  const coupons = [...set].sort(byApplicationOrder)
  const allocation = allocateLayer(
    amounts,
    coupons.map((c) => ({ lineIndexes: c.lineIndexes, discount: c.nominal })),
  )
  const total = allocation.grants.reduce((acc, g) => acc + g.discount, 0)
  return { coupons, total, allocation }
}

function compareLists<T>(a: readonly T[], b: readonly T[], cmp: (x: T, y: T) => number): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = cmp(a[i] as T, b[i] as T)
    if (c !== 0) return c
  }
  return a.length - b.length
}

/**
 * Negative when `a` is the better set: larger total deduction; then the expiry dates sorted
 * soonest first compared in turn (spend what expires first; with equal dates, fewer coupons);
 * then the coupon ids, so the choice is deterministic.
 */
export function compareCouponSets(a: CouponSetEvaluation, b: CouponSetEvaluation): number {
  if (a.total !== b.total) return b.total - a.total
  const expiries = (s: CouponSetEvaluation) =>
    s.coupons.map((c) => c.expiresAt).sort((x, y) => x - y)
  const ids = (s: CouponSetEvaluation) => s.coupons.map((c) => c.coupon.id).sort(compareStrings)
  return (
    compareLists(expiries(a), expiries(b), (x, y) => x - y) ||
    compareLists(ids(a), ids(b), compareStrings)
  )
}

/**
 * Keeps, per template, the coupons that expire soonest (ties: lower id), as many as a set can
 * hold. Any set using another coupon of that template is matched by one using a kept twin with
 * the same deduction and an expiry no later, so the best set is always among the kept ones.
 */
function soonestPerTemplate(usable: readonly UsableCoupon[]): UsableCoupon[] {
  const sorted = [...usable].sort(
    (a, b) => a.expiresAt - b.expiresAt || compareStrings(a.coupon.id, b.coupon.id),
  )
  const kept = new Map<string, number>()
  return sorted.filter((c) => {
    const count = kept.get(c.template.id) ?? 0
    kept.set(c.template.id, count + 1)
    return count < MAX_COUPONS_PER_ORDER
  })
}

function combinations<T>(items: readonly T[], maxSize: number): T[][] {
  const out: T[][] = []
  const grow = (start: number, current: T[]) => {
    if (current.length > 0) out.push(current)
    if (current.length === maxSize) return
    for (let i = start; i < items.length; i++) grow(i + 1, [...current, items[i] as T])
  }
  grow(0, [])
  return out
}

/** Every set the rules allow: an exclusive coupon alone, or up to the maximum stackable ones. */
export function candidateSets(usable: readonly UsableCoupon[]): UsableCoupon[][] {
  const pool = soonestPerTemplate(usable)
  const exclusive = pool.filter((c) => c.template.stacking === 'exclusive').map((c) => [c])
  const stackable = pool.filter((c) => c.template.stacking === 'stackable')
  return [...exclusive, ...combinations(stackable, MAX_COUPONS_PER_ORDER)]
}

/**
 * The best usable set (see compareCouponSets). A best deduction of zero picks no coupon, so a
 * single-use coupon is never spent for nothing.
 */
export function chooseBestCoupons(
  usable: readonly UsableCoupon[],
  amounts: readonly number[],
): CouponSetEvaluation {
  const none = evaluateCouponSet([], amounts)
  return candidateSets(usable)
    .map((set) => evaluateCouponSet(set, amounts))
    .filter((evaluation) => evaluation.total > 0)
    .reduce((best, next) => (compareCouponSets(next, best) < 0 ? next : best), none)
}
