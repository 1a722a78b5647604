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

/** Borrowing rounds one reserve may take part in before it answers with what its bucket has. */
export const BORROW_ROUNDS = 3

/**
 * Probe rounds a short bucket makes when it finds nothing free but units in transit between
 * siblings (a lend on its way): the second round usually finds them arrived.
 */
const TRANSIT_ROUNDS = 2

/**
 * Moves units from siblings into the home bucket `self`, which ran short by `want`. Each donor
 * hands over what it can spare (at least `want`, up to half of what it has, so the home does not
 * come back for every order) and delivers it to the home itself. Returns the units that arrived,
 * and whether every sibling was seen empty, with nothing on its way between them: only then may
 * the home answer sold out without asking again.
 */
export async function borrowUnits(
  ns: StockNamespace,
  self: BucketIdentity,
  want: number,
): Promise<{ received: number; siblingsEmpty: boolean }> {
  for (let round = 1; ; round++) {
    const views = await probeSiblings(ns, self)
    const donors = views.filter((d) => d.available > 0)
    if (donors.length > 0)
      return { received: await borrowFrom(ns, self, donors, want), siblingsEmpty: false }
    const moving = views.some((d) => d.inTransit > 0)
    if (!moving) return { received: 0, siblingsEmpty: true }
    if (round >= TRANSIT_ROUNDS) return { received: 0, siblingsEmpty: false }
  }
}

/** Every sibling's free units and units in transit, fullest first. */
async function probeSiblings(ns: StockNamespace, self: BucketIdentity) {
  const others = probeOrder(self.bucket, self.buckets).slice(1)
  const views: Availability[] = await Promise.all(
    others.map((b) => bucketStub(ns, self, b).availability()),
  )
  return others
    .map((bucket, i) => ({
      bucket,
      available: views[i]?.available ?? 0,
      inTransit: views[i]?.inTransit ?? 0,
    }))
    .sort((a, b) => b.available - a.available || a.bucket - b.bucket)
}

async function borrowFrom(
  ns: StockNamespace,
  self: BucketIdentity,
  donors: readonly { bucket: number; available: number }[],
  want: number,
): Promise<number> {
  let received = 0
  for (const donor of donors) {
    if (received >= want) break
    const ask = Math.max(want - received, Math.floor(donor.available / 2))
    const opId = `lend:${self.bucket}:${crypto.randomUUID()}`
    const lent = await bucketStub(ns, self, donor.bucket).lend(opId, ask, bucketName(self))
    received += lent.delivered ? lent.qty : 0
  }
  return received
}
