import type { OrderAmounts, OrderLine } from './order'
import type { OrderType } from './process/order-types'

/** A submitted line plus what placement decided about it: where it ships from and when. */
export interface SplitLine extends OrderLine {
  /** The warehouse chosen for the line at placement. */
  readonly warehouseId: string
  readonly crossBorder: boolean
  /** When a presale line ships (epoch ms); null for ready stock. */
  readonly shipsAt: number | null
}

export interface SplitInput {
  /** In cart order: packing and every tie follow it. */
  readonly lines: readonly SplitLine[]
  /** The submission's freight in minor units, shared over the packages. */
  readonly freight: number
  /** Epoch ms; a parameter so the split stays a pure function of its input. */
  readonly now: number
}

export type FreightSharing = 'by_amount' | 'by_weight' | 'first_package'

export interface SplitConfig {
  /** Carrier limits per package; a unit over a limit by itself ships alone. */
  readonly maxWeightGrams: number
  readonly maxVolumeCm3: number
  /** Most the cross-border lines of one package may declare: Σ of their finals, minor units. */
  readonly customsValueCap: number
  /** Presale lines shipping more than this many days after `now` get their own package. */
  readonly presaleHorizonDays: number
  readonly freightSharing: FreightSharing
}

export const splitRuleNames = [
  'order_type',
  'store',
  'warehouse',
  'handling',
  'carrier_limit',
  'customs_cap',
  'presale',
] as const
export type SplitRuleName = (typeof splitRuleNames)[number]

/** Said of a package holding one unit that exceeds a limit by itself: no package could fit it. */
export type SplitNote = 'unit_over_carrier_limit' | 'unit_over_customs_cap'

export type SplitReason = SplitRuleName | SplitNote

/**
 * A run of a submitted line's units inside one package, its money cut from the line's. `lineNo`
 * stays the submitted line's number (it is unique within a package), so a child order's stock
 * and after-sale records still name the line the buyer saw.
 */
export interface PackageLine extends SplitLine {
  readonly sourceLineNo: number
  /** Position of this run's first unit among the submitted line's units, from 0. */
  readonly firstUnit: number
}

/** A child order's amounts before payment: `payable` is Σ line finals + the freight share. */
export type PackageTotals = Omit<OrderAmounts, 'paid'>

export interface SplitPackage {
  /** From 1, in a stable order: re-running a split gives the same index to the same package. */
  readonly index: number
  /** Physical or virtual: the child order's own process. */
  readonly orderType: OrderType
  readonly storeId: string
  readonly warehouseId: string
  /** The latest presale date among the lines; null when every line is ready stock. */
  readonly shipsAt: number | null
  /** In cart order. */
  readonly lines: readonly PackageLine[]
  readonly totals: PackageTotals
  readonly weightGrams: number
  readonly volumeCm3: number
  /** The rules that cut this package off, in rule order, for "why did my order split?". */
  readonly reasons: readonly SplitReason[]
}

/** A run of units of one submitted line, as the rules move it between packages. */
export interface Piece {
  readonly source: SplitLine
  readonly firstUnit: number
  readonly qty: number
}

/** A package while the rules run: which units it holds and why it was cut off. */
export interface PackageDraft {
  readonly pieces: readonly Piece[]
  readonly reasons: readonly SplitReason[]
}

export interface SplitContext {
  readonly config: SplitConfig
  readonly now: number
}

/** One step of the split: takes the packages so far and returns them cut further. */
export interface SplitRule {
  readonly name: SplitRuleName
  readonly apply: (packages: readonly PackageDraft[], ctx: SplitContext) => PackageDraft[]
}
