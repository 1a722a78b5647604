import { floorBasisPoints } from '../money'
import type { PointsPolicy } from './types'

export interface PointsRedemption {
  readonly requested: number
  readonly used: number
  /** Minor units the points pay. */
  readonly value: number
  /** The most points could pay in this order. */
  readonly maxValue: number
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b)
}

/**
 * Redeems points in whole exchange units: the rate reduced to lowest terms (100 points = 100
 * minor units becomes 1 point = 1 minor unit). So the value is exact, and points that would not
 * buy a whole unit stay in the balance. The request is capped by the balance and by the policy's
 * share of `amountAfterCoupons` (rounded down).
 */
export function redeemPoints(
  requested: number,
  balance: number,
  policy: PointsPolicy | null,
  amountAfterCoupons: number,
): PointsRedemption {
  if (!policy) return { requested, used: 0, value: 0, maxValue: 0 }
  const divisor = gcd(policy.rate.points, policy.rate.minorUnits)
  const pointsPerUnit = policy.rate.points / divisor
  const minorPerUnit = policy.rate.minorUnits / divisor
  const maxValue = floorBasisPoints(amountAfterCoupons, policy.maxShareBps)
  const affordable = Math.floor(Math.min(requested, balance) / pointsPerUnit)
  const units = Math.min(affordable, Math.floor(maxValue / minorPerUnit))
  return { requested, used: units * pointsPerUnit, value: units * minorPerUnit, maxValue }
}
