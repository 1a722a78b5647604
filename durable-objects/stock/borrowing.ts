import { probeOrder } from '../../src/domain/stock/buckets'
import type { Availability } from '../../src/domain/stock/results'
import { bucketStub, type LineKey, type StockNamespace, stockActorName } from './names'

/** Who a bucket is, so it can find its siblings: the line it belongs to and its own index. */
export interface BucketIdentity extends LineKey {
  readonly bucket: number
}

/**
 * How long a bucket that found every sibling empty answers sold out without asking again: units a
 * sibling gets back in the meantime (a cancelled order) go to that sibling's own buyers first.
 */
export const SIBLINGS_EMPTY_MS = 5_000

export function bucketName(self: BucketIdentity): string {
  return stockActorName(self.skuId, self.warehouseId, self.bucket)
}

/**
 * Moves units from siblings into the home bucket `self`, which ran short by `want`. Each donor
 * hands over what it can spare (at least `want`, up to half of what it has, so the home does not
 * come back for every order) and delivers it to the home itself. Returns the units that arrived,
 * and whether every sibling was seen empty.
 */
export async function borrowUnits(
  ns: StockNamespace,
  self: BucketIdentity,
  want: number,
): Promise<{ received: number; siblingsEmpty: boolean }> {
  const others = probeOrder(self.bucket, self.buckets).slice(1)
  const views: Availability[] = await Promise.all(
    others.map((b) => bucketStub(ns, self, b).availability()),
  )
  const donors = others
    .map((bucket, i) => ({ bucket, available: views[i]?.available ?? 0 }))
    .filter((d) => d.available > 0)
    .sort((a, b) => b.available - a.available || a.bucket - b.bucket)
  if (donors.length === 0) return { received: 0, siblingsEmpty: true }
  let received = 0
  for (const donor of donors) {
    if (received >= want) break
    const ask = Math.max(want - received, Math.floor(donor.available / 2))
    const opId = `lend:${self.bucket}:${crypto.randomUUID()}`
    const lent = await bucketStub(ns, self, donor.bucket).lend(opId, ask, bucketName(self))
    received += lent.delivered ? lent.qty : 0
  }
  return { received, siblingsEmpty: false }
}
