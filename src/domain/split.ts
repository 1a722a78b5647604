import { allocateLargestRemainder } from './money'
import { splitRules } from './split-rules'
import type {
  FreightSharing,
  PackageDraft,
  PackageLine,
  PackageTotals,
  SplitConfig,
  SplitInput,
  SplitPackage,
  SplitReason,
  SplitRule,
} from './split-types'
import { materialize } from './split-units'
import { assertSplittable } from './split-validation'

export { splitRules } from './split-rules'
export type * from './split-types'
export { splitRuleNames } from './split-types'

/**
 * Defaults a deployment overrides: 30 kg and 0.12 m³ fit the common domestic express services,
 * and 5000.00 is the per-transaction limit of China's cross-border e-commerce retail import.
 */
export const defaultSplitConfig: SplitConfig = {
  maxWeightGrams: 30_000,
  maxVolumeCm3: 120_000,
  customsValueCap: 500_000,
  presaleHorizonDays: 7,
  freightSharing: 'by_amount',
}

const sumOf = <T>(items: readonly T[], value: (item: T) => number) =>
  items.reduce((acc, item) => acc + value(item), 0)

/** Freight is a service already rendered, so it is shared per package, never per line. */
const freightSharers: Record<FreightSharing, (freight: number, pkgs: PackageLine[][]) => number[]> =
  {
    by_amount: (freight, pkgs) =>
      allocateLargestRemainder(
        freight,
        pkgs.map((lines) => sumOf(lines, (l) => l.finalAmount)),
      ),
    by_weight: (freight, pkgs) =>
      allocateLargestRemainder(
        freight,
        pkgs.map((lines) => sumOf(lines, (l) => l.weightGrams * l.qty)),
      ),
    first_package: (freight, pkgs) => pkgs.map((_, i) => (i === 0 ? freight : 0)),
  }

function totalsOf(lines: readonly PackageLine[], freight: number): PackageTotals {
  return {
    items: sumOf(lines, (l) => l.amount),
    memberDiscount: sumOf(lines, (l) => l.memberDiscount),
    storeDiscount: sumOf(lines, (l) => l.storeDiscount),
    platformDiscount: sumOf(lines, (l) => l.platformDiscount),
    couponDiscount: sumOf(lines, (l) => l.couponDiscount),
    pointsDiscount: sumOf(lines, (l) => l.pointsDiscount),
    freight,
    payable: sumOf(lines, (l) => l.finalAmount) + freight,
  }
}

function packageOf(
  index: number,
  lines: readonly PackageLine[],
  freight: number,
  reasons: readonly SplitReason[],
): SplitPackage {
  const first = lines[0]
  if (!first) throw new Error(`package ${index} is empty`)
  const presale = lines.flatMap((l) => (l.shipsAt === null ? [] : [l.shipsAt]))
  return {
    index,
    orderType: first.orderType ?? 'physical',
    storeId: first.storeId,
    warehouseId: first.warehouseId,
    shipsAt: presale.length === 0 ? null : Math.max(...presale),
    lines,
    totals: totalsOf(lines, freight),
    weightGrams: sumOf(lines, (l) => l.weightGrams * l.qty),
    volumeCm3: sumOf(lines, (l) => l.volumeCm3 * l.qty),
    reasons,
  }
}

/**
 * Cuts a submission into packages by the rules in order (split-rules.ts). The packages' lines
 * and totals sum exactly to the submission's, field by field, and the same input always gives
 * the same packages in the same order. One package means the order is not split.
 */
export function splitOrder(
  input: SplitInput,
  config: SplitConfig = defaultSplitConfig,
  rules: readonly SplitRule[] = splitRules,
): SplitPackage[] {
  assertSplittable(input, config)
  const whole: PackageDraft = {
    pieces: input.lines.map((line) => ({ source: line, firstUnit: 0, qty: line.qty })),
    reasons: [],
  }
  const ctx = { config, now: input.now }
  const drafts = rules.reduce<PackageDraft[]>((pkgs, rule) => rule.apply(pkgs, ctx), [whole])
  const lines = materialize(drafts)
  const freight = freightSharers[config.freightSharing](input.freight, lines)
  return drafts.map((draft, i) => packageOf(i + 1, lines[i] ?? [], freight[i] ?? 0, draft.reasons))
}

export interface PackageExplanation {
  readonly index: number
  readonly lines: readonly { readonly sourceLineNo: number; readonly qty: number }[]
  readonly reasons: readonly SplitReason[]
}

/** The split as a quote shows it: which units of which lines ship together, and why. */
export function explainSplit(packages: readonly SplitPackage[]): PackageExplanation[] {
  return packages.map((pkg) => ({
    index: pkg.index,
    lines: pkg.lines.map((l) => ({ sourceLineNo: l.sourceLineNo, qty: l.qty })),
    reasons: pkg.reasons,
  }))
}
