import { allocateLargestRemainder } from './money'
import type { PackageDraft, PackageLine, Piece, SplitLine } from './split-types'

/**
 * The share of `total` carried by units [first, first + count) of `units`, when `total` is spread
 * over the units by largest remainder (equal weights: the first `total mod units` units get one
 * more). It is what refund.unitAmounts gives those units, so a unit refunded from a child order
 * pays back exactly what it would have from the submitted order.
 */
export function rangeShare(total: number, units: number, first: number, count: number): number {
  const extra = total % units
  const each = (total - extra) / units
  return count * each + Math.max(0, Math.min(first + count, extra) - first)
}

export function subPiece(piece: Piece, offset: number, qty: number): Piece {
  return { source: piece.source, firstUnit: piece.firstUnit + offset, qty }
}

export function pieceWeight(piece: Piece): number {
  return piece.source.weightGrams * piece.qty
}

export function pieceVolume(piece: Piece): number {
  return piece.source.volumeCm3 * piece.qty
}

export function pieceFinal(piece: Piece): number {
  return rangeShare(piece.source.finalAmount, piece.source.qty, piece.firstUnit, piece.qty)
}

/** Discount layers in the order pricing applies them. */
const layers = [
  'memberDiscount',
  'storeDiscount',
  'platformDiscount',
  'couponDiscount',
  'pointsDiscount',
] as const
type Layer = (typeof layers)[number]
type Discounts = Record<Layer, number>

const zeroDiscounts: Discounts = {
  memberDiscount: 0,
  storeDiscount: 0,
  platformDiscount: 0,
  couponDiscount: 0,
  pointsDiscount: 0,
}

/**
 * Each layer spread over the pieces by largest remainder, weighted by the discount room each piece
 * still has (its amount minus its final, less the earlier layers). Every piece then keeps
 * amount − discounts = final, no share goes negative, and each layer sums to the line's.
 */
function layerShares(source: SplitLine, room: number[]): Discounts[] {
  const out = room.map(() => ({ ...zeroDiscounts }))
  for (const layer of layers) {
    const shares = allocateLargestRemainder(source[layer], room)
    shares.forEach((share, i) => {
      const target = out[i]
      if (target) target[layer] = share
      room[i] = (room[i] ?? 0) - share
    })
  }
  return out
}

/** The pieces of one line as package lines; the pieces are disjoint runs covering every unit. */
function linesOfPieces(source: SplitLine, pieces: readonly Piece[]): PackageLine[] {
  const amounts = pieces.map((p) => rangeShare(source.amount, source.qty, p.firstUnit, p.qty))
  const finals = pieces.map(pieceFinal)
  const discounts = layerShares(
    source,
    amounts.map((a, i) => a - (finals[i] ?? 0)),
  )
  return pieces.map((p, i) => ({
    ...source,
    ...discounts[i],
    qty: p.qty,
    amount: amounts[i] ?? 0,
    finalAmount: finals[i] ?? 0,
    sourceLineNo: source.lineNo,
    firstUnit: p.firstUnit,
  }))
}

const keyOf = (lineNo: number, firstUnit: number) => `${lineNo}:${firstUnit}`

/**
 * Money for every piece, computed once the rules are done. A line's pieces are cut together, in
 * unit order, so their amounts depend only on which units they hold and not on package order.
 */
export function materialize(drafts: readonly PackageDraft[]): PackageLine[][] {
  const bySource = new Map<number, Piece[]>()
  for (const piece of drafts.flatMap((d) => d.pieces)) {
    const list = bySource.get(piece.source.lineNo) ?? []
    list.push(piece)
    bySource.set(piece.source.lineNo, list)
  }
  const lines = new Map<string, PackageLine>()
  for (const pieces of bySource.values()) {
    const sorted = [...pieces].sort((a, b) => a.firstUnit - b.firstUnit)
    const source = sorted[0]?.source
    if (!source) continue
    for (const line of linesOfPieces(source, sorted)) {
      lines.set(keyOf(line.sourceLineNo, line.firstUnit), line)
    }
  }
  return drafts.map((d) =>
    d.pieces.map((p) => {
      const line = lines.get(keyOf(p.source.lineNo, p.firstUnit))
      if (!line) throw new Error(`piece ${keyOf(p.source.lineNo, p.firstUnit)} lost`)
      return line
    }),
  )
}
