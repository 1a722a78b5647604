import { floorBasisPoints, type Money } from '../money'
import type { RejectedCoupon } from './quote-types'
import { indexesWhere, inScope, sumAt } from './scope'
import type {
  CartLine,
  Coupon,
  CouponBenefit,
  CouponRejectionReason,
  CouponTemplate,
} from './types'

/** A coupon that may be used on this cart, with what it would take on its own. */
export interface UsableCoupon {
  readonly coupon: Coupon
  readonly template: CouponTemplate
  readonly lineIndexes: readonly number[]
  /** Its deduction on its own: the benefit on the in-scope amount, clamped to that amount. */
  readonly nominal: number
  /** The end of the narrower of the coupon's and its template's windows. */
  readonly expiresAt: number
}

export interface CouponContext {
  readonly now: number
  readonly currency: string
  readonly userId: string
  readonly lines: readonly CartLine[]
  /** Line amounts after both promotion layers, by cart position. */
  readonly amounts: readonly number[]
  readonly templates: ReadonlyMap<string, CouponTemplate>
}

type BenefitOf<K extends CouponBenefit['kind']> = Extract<CouponBenefit, { kind: K }>

interface BenefitSpec<B> {
  readonly deduction: (benefit: B, base: number) => number
  readonly monies: (benefit: B) => readonly Money[]
}

const benefitSpecs: { readonly [K in CouponBenefit['kind']]: BenefitSpec<BenefitOf<K>> } = {
  amount_off: { deduction: (b) => b.amountOff.amount, monies: (b) => [b.amountOff] },
  percent_off: {
    deduction: (b, base) =>
      Math.min(floorBasisPoints(base, b.percentOffBps), b.cap?.amount ?? Number.MAX_SAFE_INTEGER),
    monies: (b) => (b.cap ? [b.cap] : []),
  },
}

function specOf(benefit: CouponBenefit): BenefitSpec<CouponBenefit> {
  return benefitSpecs[benefit.kind] as BenefitSpec<CouponBenefit>
}

export function templateMonies(template: CouponTemplate): readonly Money[] {
  return [template.threshold, ...specOf(template.benefit).monies(template.benefit)]
}

interface Candidate {
  readonly coupon: Coupon | undefined
  readonly template: CouponTemplate | undefined
  readonly lineIndexes: readonly number[]
}

interface Found {
  readonly coupon: Coupon
  readonly template: CouponTemplate
  readonly lineIndexes: readonly number[]
}

const windowStart = (c: Found) => Math.max(c.coupon.startsAt, c.template.startsAt)
const windowEnd = (c: Found) => Math.min(c.coupon.endsAt, c.template.endsAt)

interface Guard {
  readonly reason: CouponRejectionReason
  readonly fails: (c: Found, ctx: CouponContext) => boolean
}

/** Checked in order; the first failing guard is the reason reported. */
const guards: readonly Guard[] = [
  // Someone else's coupon is reported as unknown so ids cannot be probed.
  { reason: 'NOT_FOUND', fails: (c, ctx) => c.coupon.userId !== ctx.userId },
  { reason: 'USED', fails: (c) => c.coupon.status === 'used' },
  { reason: 'NOT_STARTED', fails: (c, ctx) => ctx.now < windowStart(c) },
  { reason: 'EXPIRED', fails: (c, ctx) => ctx.now >= windowEnd(c) },
  {
    reason: 'NOT_APPLICABLE',
    fails: (c, ctx) =>
      c.lineIndexes.length === 0 ||
      templateMonies(c.template).some((m) => m.currency !== ctx.currency),
  },
  {
    reason: 'THRESHOLD_NOT_MET',
    fails: (c, ctx) => sumAt(ctx.amounts, c.lineIndexes) < c.template.threshold.amount,
  },
]

function isFound(c: Candidate): c is Found {
  return c.coupon !== undefined && c.template !== undefined
}

/** Checks one coupon against the cart: usable with its stand-alone deduction, or why not. */
export function checkCoupon(
  coupon: Coupon | undefined,
  ctx: CouponContext,
):
  | { readonly ok: true; readonly usable: UsableCoupon }
  | { readonly ok: false; readonly reason: CouponRejectionReason } {
  const template = coupon ? ctx.templates.get(coupon.templateId) : undefined
  const lineIndexes = template
    ? indexesWhere(ctx.lines, (line) => inScope(template.scope, line))
    : []
  const candidate: Candidate = { coupon, template, lineIndexes }
  if (!isFound(candidate)) return { ok: false, reason: 'NOT_FOUND' }
  const guard = guards.find((g) => g.fails(candidate, ctx))
  if (guard) return { ok: false, reason: guard.reason }
  const base = sumAt(ctx.amounts, lineIndexes)
  const benefit = candidate.template.benefit
  const nominal = Math.min(specOf(benefit).deduction(benefit, base), base)
  return { ok: true, usable: { ...candidate, nominal, expiresAt: windowEnd(candidate) } }
}

/** Splits the buyer's wallet into coupons usable on this cart and the rest, with reasons. */
export function classifyWallet(
  wallet: readonly Coupon[],
  ctx: CouponContext,
): { readonly usable: readonly UsableCoupon[]; readonly unusable: readonly RejectedCoupon[] } {
  const usable: UsableCoupon[] = []
  const unusable: RejectedCoupon[] = []
  for (const coupon of wallet) {
    const check = checkCoupon(coupon, ctx)
    if (check.ok) usable.push(check.usable)
    else unusable.push({ couponId: coupon.id, reason: check.reason })
  }
  return { usable, unusable }
}
