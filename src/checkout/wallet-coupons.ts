import type { WalletCoupon, WalletSnapshot } from '../../durable-objects/wallet/client'
import type {
  Coupon,
  CouponRejectionReason,
  CouponSelection,
  CouponTemplate,
} from '../domain/pricing/types'
import { type Failure, fail } from '../errors'

/** Why a wallet coupon is not usable: the engine's reasons, or held by another pending order. */
export type UnusableReason = CouponRejectionReason | 'LOCKED'

export interface UnusableCoupon {
  readonly couponId: string
  readonly reason: UnusableReason
}

/** The wallet as the engine sees it, plus the coupons held by other orders. */
export interface EngineWallet {
  readonly coupons: readonly Coupon[]
  readonly templates: readonly CouponTemplate[]
  readonly locked: readonly UnusableCoupon[]
}

function toEngineCoupon(c: WalletCoupon, userId: string): Coupon {
  const status = c.status === 'used' ? 'used' : 'available'
  const { id, templateId, startsAt, endsAt } = c
  return { id, templateId, userId, status, startsAt, endsAt }
}

/** Each template once; coupons carry a copy of the terms they were issued under. */
function templatesOf(coupons: readonly WalletCoupon[]): CouponTemplate[] {
  return [...new Map(coupons.map((c) => [c.terms.id, c.terms])).values()]
}

export function couponNotUsable(couponId: string, reason: UnusableReason, more = {}): Failure {
  const details = { couponId, reason, ...more }
  return fail('COUPON_NOT_USABLE', `coupon ${couponId} cannot be used: ${reason}`, details)
}

/**
 * Prepares the wallet for the engine. With 'auto', spent coupons are left out (they are history,
 * not choices) and coupons another order holds are reported LOCKED; naming a coupon another
 * order holds fails at once with LOCKED. The engine judges everything else.
 */
export function engineWallet(
  wallet: WalletSnapshot,
  selection: CouponSelection,
): { ok: true; wallet: EngineWallet } | Failure {
  const isLocked = (c: WalletCoupon) => c.status === 'locked'
  if (Array.isArray(selection)) {
    const held = wallet.coupons.find((c) => isLocked(c) && selection.includes(c.id))
    if (held) return couponNotUsable(held.id, 'LOCKED')
  }
  const offered = wallet.coupons.filter(
    (c) => !isLocked(c) && (selection !== 'auto' || c.status !== 'used'),
  )
  const locked =
    selection === 'auto'
      ? wallet.coupons.filter(isLocked).map((c) => ({ couponId: c.id, reason: 'LOCKED' as const }))
      : []
  const coupons = offered.map((c) => toEngineCoupon(c, wallet.userId))
  return { ok: true, wallet: { coupons, templates: templatesOf(offered), locked } }
}
