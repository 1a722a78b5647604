import { floorBasisPoints } from '../money'
import type { Member, MemberLevelBenefit } from './types'

/** Non-members rank below every member level, for promotion conditions. */
export const NON_MEMBER_LEVEL = 0

export function memberLevelOf(member: Member | null): number {
  return member?.level ?? NON_MEMBER_LEVEL
}

/** The discount of the highest listed level not above the member's own; 0 for non-members. */
export function memberDiscountBps(
  member: Member | null,
  levels: readonly MemberLevelBenefit[],
): number {
  if (!member) return 0
  const reached = levels.filter((l) => l.level <= member.level)
  const best = reached.reduce<MemberLevelBenefit | undefined>(
    (top, l) => (top === undefined || l.level > top.level ? l : top),
    undefined,
  )
  return best?.discountBps ?? 0
}

/**
 * The member discount on each line's list amount. It is a member price, applied before any
 * promotion, so promotion thresholds are checked against what members actually pay. Rounded
 * down per line: the member price keeps the fraction of a cent for the merchant.
 */
export function memberDiscounts(listAmounts: readonly number[], bps: number): number[] {
  return listAmounts.map((amount) => floorBasisPoints(amount, bps))
}
