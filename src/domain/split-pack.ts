import type { Piece } from './split-types'
import { subPiece } from './split-units'

/** A dimension a package is limited in, measured on a run of a line's units. */
export interface Limit {
  /** Must not shrink as a run gains units. */
  readonly measure: (piece: Piece) => number
  readonly max: number
}

/** A package the packer filled; `alone` marks one unit that exceeds a limit by itself. */
export interface Bin {
  readonly pieces: Piece[]
  readonly used: number[]
  readonly alone: boolean
}

/** How many leading units of `piece` fit beside what a package already holds. */
function unitsThatFit(piece: Piece, used: readonly number[], limits: readonly Limit[]): number {
  let lo = 0
  let hi = piece.qty
  while (lo < hi) {
    const mid = lo + Math.ceil((hi - lo) / 2)
    const run = subPiece(piece, 0, mid)
    const fits = limits.every((limit, i) => (used[i] ?? 0) + limit.measure(run) <= limit.max)
    if (fits) lo = mid
    else hi = mid - 1
  }
  return lo
}

function put(bin: Bin, piece: Piece, limits: readonly Limit[]): void {
  bin.pieces.push(piece)
  limits.forEach((limit, i) => {
    bin.used[i] = (bin.used[i] ?? 0) + limit.measure(piece)
  })
}

/** Puts as many leading units as fit into `bin`; returns the units still to place, if any. */
function fill(bin: Bin, piece: Piece, limits: readonly Limit[]): Piece | null {
  const units = bin.alone ? 0 : unitsThatFit(piece, bin.used, limits)
  if (units === 0) return piece
  put(bin, subPiece(piece, 0, units), limits)
  return units === piece.qty ? null : subPiece(piece, units, piece.qty - units)
}

/** A new package for the first unit(s) of `piece`; a unit no package could carry ships alone. */
function open(piece: Piece, limits: readonly Limit[]): { bin: Bin; rest: Piece | null } {
  const empty = limits.map(() => 0)
  if (unitsThatFit(piece, empty, limits) > 0) {
    const bin: Bin = { pieces: [], used: empty, alone: false }
    return { bin, rest: fill(bin, piece, limits) }
  }
  const bin: Bin = { pieces: [], used: empty, alone: true }
  put(bin, subPiece(piece, 0, 1), limits)
  return { bin, rest: piece.qty === 1 ? null : subPiece(piece, 1, piece.qty - 1) }
}

/**
 * Greedy first-fit in cart order: a line's leading units go to the earliest package with room,
 * and what is left opens new packages. A line is cut by units only when it does not fit whole,
 * so every package holds at most one run of each line.
 */
export function packFirstFit(pieces: readonly Piece[], limits: readonly Limit[]): Bin[] {
  const bins: Bin[] = []
  for (const piece of pieces) {
    let rest: Piece | null = piece
    for (const bin of bins) {
      if (rest === null) break
      rest = fill(bin, rest, limits)
    }
    while (rest !== null) {
      const opened = open(rest, limits)
      bins.push(opened.bin)
      rest = opened.rest
    }
  }
  return bins
}
