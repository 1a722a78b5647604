import { type Limit, packFirstFit } from './split-pack'
import type {
  PackageDraft,
  Piece,
  SplitContext,
  SplitNote,
  SplitRule,
  SplitRuleName,
} from './split-types'
import { pieceFinal, pieceVolume, pieceWeight } from './split-units'

const dayMs = 86_400_000

/** What a rule does to one package: the parts it cuts it into, in order. */
interface Part {
  readonly pieces: readonly Piece[]
  readonly note?: SplitNote
}
type Cut = (pieces: readonly Piece[], ctx: SplitContext) => Part[]

/**
 * A rule from a cut of one package. Every part of a package the rule cuts records the rule's
 * name; a package the rule leaves whole is not said to be cut by it.
 */
function rule(name: SplitRuleName, cut: Cut): SplitRule {
  const apply = (packages: readonly PackageDraft[], ctx: SplitContext): PackageDraft[] =>
    packages.flatMap((pkg) => {
      const parts = cut(pkg.pieces, ctx)
      const cutHere = parts.length > 1 ? [name] : []
      return parts.map((part) => ({
        pieces: part.pieces,
        reasons: [...pkg.reasons, ...cutHere, ...(part.note ? [part.note] : [])],
      }))
    })
  return { name, apply }
}

/** Groups by key in order of first appearance, so the cart order decides the package order. */
function groupBy(key: (piece: Piece, ctx: SplitContext) => string): Cut {
  return (pieces, ctx) => {
    const groups = new Map<string, Piece[]>()
    for (const piece of pieces) {
      const k = key(piece, ctx)
      const group = groups.get(k) ?? []
      group.push(piece)
      groups.set(k, group)
    }
    return [...groups.values()].map((group) => ({ pieces: group }))
  }
}

function packed(limits: (ctx: SplitContext) => Limit[], note: SplitNote): Cut {
  return (pieces, ctx) =>
    packFirstFit(pieces, limits(ctx)).map((bin) =>
      bin.alone ? { pieces: bin.pieces, note } : { pieces: bin.pieces },
    )
}

/** Domestic lines weigh nothing against the customs cap, so they stay with the first package. */
function customsValue(piece: Piece): number {
  return piece.source.crossBorder ? pieceFinal(piece) : 0
}

function presaleKey(piece: Piece, ctx: SplitContext): string {
  const { shipsAt } = piece.source
  const horizon = ctx.now + ctx.config.presaleHorizonDays * dayMs
  return shipsAt !== null && shipsAt > horizon ? `later:${shipsAt}` : 'ready'
}

/**
 * The split, as an ordered table. Order matters: each rule only cuts the
 * packages the earlier ones made, so a fragile line never joins another store's package.
 */
export const splitRules: readonly SplitRule[] = [
  // Virtual goods are delivered on payment, physical ones ship: each is its own kind of order.
  rule(
    'order_type',
    groupBy((p) => `type:${p.source.orderType ?? 'physical'}`),
  ),
  rule(
    'store',
    groupBy((p) => `store:${p.source.storeId}`),
  ),
  rule(
    'warehouse',
    groupBy((p) => `warehouse:${p.source.warehouseId}`),
  ),
  // A fragile or oversized line ships alone; the other lines stay together.
  rule(
    'handling',
    groupBy((p) => (p.source.fragile || p.source.oversized ? `alone:${p.source.lineNo}` : 'any')),
  ),
  rule(
    'carrier_limit',
    packed(
      ({ config }) => [
        { measure: pieceWeight, max: config.maxWeightGrams },
        { measure: pieceVolume, max: config.maxVolumeCm3 },
      ],
      'unit_over_carrier_limit',
    ),
  ),
  rule(
    'customs_cap',
    packed(
      ({ config }) => [{ measure: customsValue, max: config.customsValueCap }],
      'unit_over_customs_cap',
    ),
  ),
  // Presale lines shipping on the same later date travel together.
  rule('presale', groupBy(presaleKey)),
]
