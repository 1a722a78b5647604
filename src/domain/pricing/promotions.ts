import { floorBasisPoints, type Money } from '../money'
import { isGiftRule } from './gifts'
import { indexesWhere, inScope, sumAt } from './scope'
import type {
  CartLine,
  Promotion,
  PromotionLevel,
  PromotionRule,
  PromotionSkipReason,
} from './types'

type RuleOf<K extends PromotionRule['kind']> = Extract<PromotionRule, { kind: K }>

interface RuleSpec<R> {
  /** Discount on `base` minor units before clamping; 0 when the threshold is not met. */
  readonly discount: (rule: R, base: number) => number
  readonly monies: (rule: R) => readonly Money[]
}

const NO_CAP = Number.MAX_SAFE_INTEGER

const ruleSpecs: { readonly [K in PromotionRule['kind']]: RuleSpec<RuleOf<K>> } = {
  spend_save: {
    discount: (r, base) => (base >= r.threshold.amount ? r.amountOff.amount : 0),
    monies: (r) => [r.threshold, r.amountOff],
  },
  spend_percent_off: {
    discount: (r, base) =>
      base >= r.threshold.amount
        ? Math.min(floorBasisPoints(base, r.percentOffBps), r.cap?.amount ?? NO_CAP)
        : 0,
    monies: (r) => (r.cap ? [r.threshold, r.cap] : [r.threshold]),
  },
  tiered: {
    // The richest tier reached wins, so tiers need not be listed in order.
    discount: (r, base) =>
      r.tiers.reduce(
        (best, t) => (base >= t.threshold.amount ? Math.max(best, t.amountOff.amount) : best),
        0,
      ),
    monies: (r) => r.tiers.flatMap((t) => [t.threshold, t.amountOff]),
  },
  // Gifts are lines, not money: see gifts.ts.
  buy_x_get_y: { discount: () => 0, monies: () => [] },
}

function specOf(rule: PromotionRule): RuleSpec<PromotionRule> {
  return ruleSpecs[rule.kind] as RuleSpec<PromotionRule>
}

/** The rule's discount on `base`, never more than `base` (a discount cannot exceed its lines). */
export function ruleDiscount(rule: PromotionRule, base: number): number {
  return Math.min(specOf(rule).discount(rule, base), base)
}

export function ruleMonies(rule: PromotionRule): readonly Money[] {
  return specOf(rule).monies(rule)
}

export interface PromotionPick {
  readonly promotion: Promotion
  readonly lineIndexes: readonly number[]
  readonly base: number
  readonly discount: number
}

export interface PromotionSkip {
  readonly promotion: Promotion
  readonly reason: PromotionSkipReason
}

export interface LevelContext {
  readonly now: number
  readonly currency: string
  readonly memberLevel: number
  readonly lines: readonly CartLine[]
  /** Line amounts after the previous layers, by cart position. */
  readonly amounts: readonly number[]
  /** The promotion each line joined at the earlier level, by cart position. */
  readonly earlier: readonly (Promotion | undefined)[]
}

interface Guard {
  readonly reason: PromotionSkipReason
  readonly fails: (p: Promotion, ctx: LevelContext) => boolean
}

const guards: readonly Guard[] = [
  {
    reason: 'CURRENCY_MISMATCH',
    fails: (p, ctx) => ruleMonies(p.rule).some((m) => m.currency !== ctx.currency),
  },
  { reason: 'OUT_OF_WINDOW', fails: (p, ctx) => ctx.now < p.startsAt || ctx.now >= p.endsAt },
  { reason: 'MEMBER_LEVEL_TOO_LOW', fails: (p, ctx) => (p.minMemberLevel ?? 0) > ctx.memberLevel },
]

interface LineFilter {
  readonly reason: PromotionSkipReason
  readonly keeps: (
    p: Promotion,
    index: number,
    ctx: LevelContext,
    taken: ReadonlySet<number>,
  ) => boolean
}

/** Applied in order; the first filter that leaves no line names why the promotion did not apply. */
const lineFilters: readonly LineFilter[] = [
  { reason: 'NO_LINE_IN_SCOPE', keeps: (p, i, ctx) => covers(p, ctx.lines[i]) },
  { reason: 'EXCLUSIVE_CONFLICT', keeps: (p, i, ctx) => !conflicts(p, ctx.earlier[i]) },
  { reason: 'OUTRANKED', keeps: (_p, i, _ctx, taken) => !taken.has(i) },
]

function covers(p: Promotion, line: CartLine | undefined): boolean {
  if (!line) return false
  const inStore = p.level === 'platform' || line.storeId === p.storeId
  return inStore && inScope(p.scope, line)
}

function conflicts(p: Promotion, earlier: Promotion | undefined): boolean {
  return earlier !== undefined && (earlier.exclusive || p.exclusive)
}

function byRank(a: Promotion, b: Promotion): number {
  if (a.priority !== b.priority) return b.priority - a.priority
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

function tryPromotion(
  p: Promotion,
  ctx: LevelContext,
  taken: ReadonlySet<number>,
): PromotionPick | PromotionSkip {
  const guard = guards.find((g) => g.fails(p, ctx))
  if (guard) return { promotion: p, reason: guard.reason }
  let indexes = indexesWhere(ctx.lines, () => true)
  for (const filter of lineFilters) {
    indexes = indexes.filter((i) => filter.keeps(p, i, ctx, taken))
    if (indexes.length === 0) return { promotion: p, reason: filter.reason }
  }
  const base = sumAt(ctx.amounts, indexes)
  const discount = ruleDiscount(p.rule, base)
  if (discount === 0) return { promotion: p, reason: 'THRESHOLD_NOT_MET' }
  return { promotion: p, lineIndexes: indexes, base, discount }
}

/**
 * Picks the promotions of one level. In rank order (priority, then id), each promotion takes the
 * lines it covers that no higher-ranked promotion of this level took, and applies when those
 * lines' amounts meet its threshold; lines of a promotion whose threshold is not met stay free
 * for lower-ranked ones. So each line joins at most one promotion per level: the highest-ranked
 * one it qualifies for.
 */
export function selectPromotions(
  level: PromotionLevel,
  promotions: readonly Promotion[],
  ctx: LevelContext,
): { readonly picks: readonly PromotionPick[]; readonly skips: readonly PromotionSkip[] } {
  const taken = new Set<number>()
  const picks: PromotionPick[] = []
  const skips: PromotionSkip[] = []
  const discounts = promotions.filter((q) => q.level === level && !isGiftRule(q.rule))
  for (const p of discounts.sort(byRank)) {
    const outcome = tryPromotion(p, ctx, taken)
    if ('reason' in outcome) {
      skips.push(outcome)
      continue
    }
    picks.push(outcome)
    for (const i of outcome.lineIndexes) taken.add(i)
  }
  return { picks, skips }
}
