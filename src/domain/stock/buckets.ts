/**
 * Bucket arithmetic for a SKU in a warehouse split over N stock actors: where a buyer starts,
 * the order it probes the rest in, and how units are spread and evened out over the buckets.
 */

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193
const utf8 = new TextEncoder()

/** FNV-1a (32 bit) over UTF-8: stable across runtimes and deploys, unlike any runtime hash. */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET
  for (const byte of utf8.encode(text)) {
    hash = Math.imul(hash ^ byte, FNV_PRIME)
  }
  return hash >>> 0
}

function assertBucketCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`bucket count ${n} is not >= 1`)
}

export function homeBucket(userId: string, buckets: number): number {
  assertBucketCount(buckets)
  return fnv1a32(userId) % buckets
}

/** Home first, then the others in ring order, so every bucket is reachable from every buyer. */
export function probeOrder(home: number, buckets: number): number[] {
  assertBucketCount(buckets)
  return Array.from({ length: buckets }, (_, i) => (home + i) % buckets)
}

/**
 * Splits `total` units over `buckets` as evenly as possible; the remainder goes one each to the
 * earliest buckets counting from `offset` (0: bucket 0 first).
 */
export function spreadUnits(total: number, buckets: number, offset = 0): number[] {
  assertBucketCount(buckets)
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`total ${total} is invalid`)
  const base = Math.floor(total / buckets)
  const remainder = total % buckets
  return Array.from({ length: buckets }, (_, i) => {
    const rank = (i - (offset % buckets) + buckets) % buckets
    return base + (rank < remainder ? 1 : 0)
  })
}

/**
 * Per-bucket on-hand targets for a SKU×warehouse total: each bucket keeps its live reservations
 * and the free units are spread evenly, so every buyer's home bucket starts with the same share.
 * Undefined when the total is below what is already reserved.
 */
export function spreadOnHand(onHand: number, reserved: readonly number[]): number[] | undefined {
  const held = reserved.reduce((a, b) => a + b, 0)
  if (!Number.isSafeInteger(onHand) || onHand < held) return undefined
  const free = spreadUnits(onHand - held, reserved.length)
  return reserved.map((r, i) => r + (free[i] ?? 0))
}

export interface BucketMove {
  readonly from: number
  readonly to: number
  readonly qty: number
}

/** Moves of available units that even the buckets out, surplus to deficit in bucket order. */
export function planRebalance(available: readonly number[]): BucketMove[] {
  const target = spreadUnits(
    available.reduce((a, b) => a + b, 0),
    available.length,
  )
  const surplus = available.map((a, i) => a - (target[i] ?? 0))
  const moves: BucketMove[] = []
  let to = 0
  for (let from = 0; from < surplus.length; from++) {
    while ((surplus[from] ?? 0) > 0) {
      while (to < surplus.length && (surplus[to] ?? 0) >= 0) to++
      if (to >= surplus.length) return moves
      const qty = Math.min(surplus[from] ?? 0, -(surplus[to] ?? 0))
      moves.push({ from, to, qty })
      surplus[from] = (surplus[from] ?? 0) - qty
      surplus[to] = (surplus[to] ?? 0) + qty
    }
  }
  return moves
}
