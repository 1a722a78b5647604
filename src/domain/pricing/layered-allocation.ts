import { allocateLargestRemainder } from '../money'

/** One discount to spread within a layer: a promotion or coupon and the lines it covers. */
export interface Grant {
  /** Cart positions of the covered lines. */
  readonly lineIndexes: readonly number[]
  readonly discount: number
}

export interface Share {
  readonly index: number
  readonly amount: number
}

export interface GrantAllocation {
  /** The discount actually given: the grant's discount clamped to what its lines still cost. */
  readonly discount: number
  readonly shares: readonly Share[]
}

export interface LayerAllocation {
  /** This layer's discount on each line, by cart position. */
  readonly perLine: readonly number[]
  /** Each line's amount after this layer. */
  readonly after: readonly number[]
  readonly grants: readonly GrantAllocation[]
}

/**
 * Spreads each grant over its lines in proportion to their current amounts by the largest
 * remainder method (ties to the earlier line in cart order). Grants are applied in the given
 * order, each on the amounts the earlier ones left, so overlapping grants (stacked coupons) can
 * never take a line below zero; grants that do not overlap (a promotion layer) see exactly the
 * amounts after the previous layer. Every grant's shares sum exactly to its clamped discount.
 */
export function allocateLayer(
  amounts: readonly number[],
  grants: readonly Grant[],
): LayerAllocation {
  const after = [...amounts]
  const perLine = amounts.map(() => 0)
  const allocated = grants.map((grant) => {
    const indexes = [...grant.lineIndexes].sort((a, b) => a - b)
    const weights = indexes.map((i) => after[i] ?? 0)
    const available = weights.reduce((acc, w) => acc + w, 0)
    const discount = Math.min(Math.max(grant.discount, 0), available)
    const parts = allocateLargestRemainder(discount, weights)
    const shares = indexes.map((index, k) => ({ index, amount: parts[k] ?? 0 }))
    for (const { index, amount } of shares) {
      after[index] = (after[index] ?? 0) - amount
      perLine[index] = (perLine[index] ?? 0) + amount
    }
    return { discount, shares }
  })
  return { perLine, after, grants: allocated }
}
