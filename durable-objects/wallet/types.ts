import type { CouponTemplate } from '../../src/domain/pricing/types'
import type { Result } from '../../src/errors'
import type { CouponStatus } from '../../src/store/wallet-projection'

export type { CouponStatus }

/** A coupon to put in a buyer's wallet, with the template terms the pricing engine needs. */
export interface IssueCoupon {
  readonly id: string
  readonly title: string
  /** A copy: later edits of the template do not change coupons already issued. */
  readonly terms: CouponTemplate
  readonly startsAt: number
  readonly endsAt: number
}

export interface WalletCoupon extends IssueCoupon {
  readonly templateId: string
  readonly status: CouponStatus
  /** The order holding (locked) or having spent (used) the coupon. */
  readonly orderId: string | null
  readonly issuedAt: number
}

/** What a quote needs from the wallet. */
export interface WalletSnapshot {
  readonly userId: string
  readonly level: number
  readonly pointsBalance: number
  readonly coupons: readonly WalletCoupon[]
}

export type RedemptionState = 'held' | 'consumed' | 'released'

export interface Redemption {
  readonly orderId: string
  readonly couponIds: readonly string[]
  readonly points: number
  readonly state: RedemptionState
  /** Points given back by restorePoints after the order was paid. */
  readonly pointsRestored: number
}

/** Why a coupon cannot be redeemed (the engine's reasons, plus LOCKED by another order). */
export type RedeemRefusal = 'NOT_FOUND' | 'USED' | 'LOCKED' | 'NOT_STARTED' | 'EXPIRED'

export type RedeemResult = Result<{ redemption: Redemption; replayed: boolean }>
export type ReleaseResult = Result<{ redemption: Redemption | null; released: boolean }>
export type ConsumeResult = Result<{ redemption: Redemption; replayed: boolean }>
export type PointsResult = Result<{ balance: number; replayed: boolean }>
export type IssueResult = Result<{ coupon: WalletCoupon; replayed: boolean }>
export type AdmitResult = Result<{ count: number }>
