import { allocateLargestRemainder } from './money'
import { splitOrder } from './split'
import type { SplitConfig, SplitLine, SplitPackage } from './split-types'

export interface StoreFreight {
  readonly storeId: string
  readonly amount: number
}

/**
 * A whole submission cut into packages. Each store's freight was priced for that store, so it is
 * shared over that store's packages only; packages are then numbered 1..n across stores in cart
 * order, the same every time for the same submission.
 */
export function splitSubmission(
  lines: readonly SplitLine[],
  freightByStore: readonly StoreFreight[],
  config: SplitConfig,
  now: number,
): SplitPackage[] {
  const stores = [...new Set(lines.map((l) => l.storeId))]
  const freight = new Map(freightByStore.map((f) => [f.storeId, f.amount]))
  const packages = stores.flatMap((storeId) =>
    splitOrder(
      {
        lines: lines.filter((l) => l.storeId === storeId),
        freight: freight.get(storeId) ?? 0,
        now,
      },
      config,
    ),
  )
  const manyStores = stores.length > 1
  return packages.map((pkg, i) => ({
    ...pkg,
    index: i + 1,
    reasons: manyStores && !pkg.reasons.includes('store') ? ['store', ...pkg.reasons] : pkg.reasons,
  }))
}

/**
 * The points each package spent, out of the submission's points, in proportion to the money its
 * lines took off in points (largest remainder), so the shares add up to the points redeemed.
 */
export function pointsShares(packages: readonly SplitPackage[], pointsUsed: number): number[] {
  if (packages.length === 0) return []
  return allocateLargestRemainder(
    pointsUsed,
    packages.map((p) => p.totals.pointsDiscount),
  )
}
