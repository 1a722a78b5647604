import { receiveUnits, type StockCounts } from './counts'
import type { AdjustResult } from './results'

/** An admin or warehouse change to a bucket's counts: the answer and the counts to write, if any. */
export interface AdjustStep {
  readonly result: AdjustResult
  readonly counts?: StockCounts
}

function applied(counts: StockCounts): AdjustStep {
  return { result: { ok: true, counts, replayed: false }, counts }
}

/** Goods received or returned: always goes to available, never to sold. */
export function restockStep(c: StockCounts, qty: number): AdjustStep {
  if (!Number.isSafeInteger(qty) || qty <= 0) {
    return { result: { ok: false, code: 'INVALID_REQUEST' } }
  }
  return applied(receiveUnits(c, qty))
}

/** A signed correction (stock count, damage, a rebalance leg); it may only touch free units. */
export function adjustStep(c: StockCounts, delta: number): AdjustStep {
  if (!Number.isSafeInteger(delta) || delta === 0) {
    return { result: { ok: false, code: 'INVALID_REQUEST' } }
  }
  if (c.available + delta < 0) {
    return { result: { ok: false, code: 'INSUFFICIENT_STOCK', available: c.available } }
  }
  return applied(receiveUnits(c, delta))
}

/**
 * On hand is what is still sellable or promised: available + reserved. Setting it moves only the
 * available part, so live reservations are never taken back by an admin count.
 */
export function setOnHandStep(c: StockCounts, onHand: number): AdjustStep {
  if (!Number.isSafeInteger(onHand) || onHand < 0) {
    return { result: { ok: false, code: 'INVALID_REQUEST' } }
  }
  if (onHand < c.reserved) {
    return { result: { ok: false, code: 'BELOW_RESERVED', reserved: c.reserved } }
  }
  const delta = onHand - c.reserved - c.available
  if (delta === 0) return { result: { ok: true, counts: c, replayed: false } }
  return applied(receiveUnits(c, delta))
}

/**
 * A sibling bucket that ran out asks for up to `qty` units: give what is free, never more. Lending
 * nothing decides no write, so a sold-out sibling answers for free.
 */
export function lendStep(c: StockCounts, qty: number): { give: number; counts?: StockCounts } {
  if (!Number.isSafeInteger(qty) || qty <= 0) return { give: 0 }
  const give = Math.min(qty, c.available)
  return give === 0 ? { give } : { give, counts: receiveUnits(c, -give) }
}
