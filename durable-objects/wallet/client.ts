/**
 * The wallet actor's public face: the port the order actor and checkout call it through, and the
 * shapes of its coupons, snapshots and answers.
 */
export { type WalletAnswer, type WalletPort, walletOf } from './port'
export type {
  AdmitResult,
  ConsumeResult,
  CouponStatus,
  IssueCoupon,
  IssueResult,
  PointsResult,
  RedeemRefusal,
  RedeemResult,
  Redemption,
  RedemptionState,
  ReleaseResult,
  WalletCoupon,
  WalletSnapshot,
} from './types'
