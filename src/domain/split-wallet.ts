import type { ChildRef } from './order'

export interface SplitWalletState {
  readonly consumed: boolean
  readonly released: boolean
}

export interface SplitWalletActions {
  readonly consume: boolean
  readonly release: boolean
  /** Children whose points go back now: closed unpaid while a sibling paid. */
  readonly restore: readonly { readonly childId: string; readonly points: number }[]
}

const closed = new Set(['cancelled', 'closed'])

/**
 * For the coupons and points a split submission redeemed once: as soon as any
 * child is paid the coupons are spent for good (a shared coupon is not returned); a child that
 * closes unpaid gets its share of the points back (configurable); if every child closes unpaid,
 * everything goes back.
 */
export function splitWalletActions(
  children: readonly ChildRef[],
  state: SplitWalletState,
  returnPointsOfClosed: boolean,
): SplitWalletActions {
  const anyPaid = children.some((c) => c.paid > 0)
  const allClosedUnpaid = children.every((c) => closed.has(c.status) && c.paid === 0)
  if (!anyPaid) {
    const release = allClosedUnpaid && !state.released && !state.consumed
    return { consume: false, release, restore: [] }
  }
  const restore = returnPointsOfClosed
    ? children
        .filter((c) => closed.has(c.status) && c.paid === 0 && !c.pointsReturned && c.points > 0)
        .map((c) => ({ childId: c.id, points: c.points }))
    : []
  return { consume: !state.consumed, release: false, restore }
}
