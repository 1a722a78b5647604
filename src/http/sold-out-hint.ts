/**
 * SKU × warehouse pairs this isolate just saw sold out. During a flash sale most requests are for
 * stock that is gone; answering them from memory for a moment spares even the one stock-bucket
 * call a refusal otherwise costs. The hint is per warehouse, so a buyer whose region ships from
 * another warehouse is not refused for it; it lives one second, and any stock write this isolate
 * makes for the SKU clears it at once.
 */
const hintMs = 1_000
const soldOut = new Map<string, number>()

const keyOf = (skuId: string, warehouseId: string) => `${skuId}\n${warehouseId}`

export function markSoldOut(skuId: string, warehouseId: string, now: number = Date.now()): void {
  soldOut.set(keyOf(skuId, warehouseId), now + hintMs)
}

export function knownSoldOut(
  skuId: string,
  warehouseId: string,
  now: number = Date.now(),
): boolean {
  const key = keyOf(skuId, warehouseId)
  const until = soldOut.get(key)
  if (until === undefined) return false
  if (until > now) return true
  soldOut.delete(key)
  return false
}

/** Stock was written for this SKU: every warehouse's hint goes. */
export function forgetSoldOut(skuId: string): void {
  const prefix = `${skuId}\n`
  for (const key of soldOut.keys()) if (key.startsWith(prefix)) soldOut.delete(key)
}
