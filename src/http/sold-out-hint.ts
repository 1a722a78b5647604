/**
 * SKUs this isolate just saw sold out. During a flash sale most requests are for stock that is
 * gone; answering them from memory for a moment spares an order actor (and its writes) per
 * request. A restock shows within the hint's life; a stale hint only refuses for that long.
 */
const hintMs = 1_000
const soldOut = new Map<string, number>()

export function markSoldOut(skuId: string, now: number = Date.now()): void {
  soldOut.set(skuId, now + hintMs)
}

export function knownSoldOut(skuId: string, now: number = Date.now()): boolean {
  const until = soldOut.get(skuId)
  if (until === undefined) return false
  if (until > now) return true
  soldOut.delete(skuId)
  return false
}

export function forgetSoldOut(skuId: string): void {
  soldOut.delete(skuId)
}
