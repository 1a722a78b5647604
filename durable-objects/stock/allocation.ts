import { homeBucket, probeOrder } from '../../src/domain/stock/buckets'
import { isQuantity } from '../../src/domain/stock/counts'
import {
  type Allocation,
  bucketStub,
  INVALID,
  isLineKey,
  isLineOrder,
  type LineFailure,
  type LineKey,
  type LineOrder,
  type StockNamespace,
} from './names'

/**
 * How an order line takes stock from a SKU×warehouse split over N bucket actors. Every call is
 * idempotent per order id, so the order actor may retry any of them after a crash.
 */

/** How long a reservation waits for its order actor to adopt it before its bucket takes it back. */
export const UNCONFIRMED_LEASE_MS = 2 * 60_000

export interface ReserveLineRequest extends LineOrder {
  qty: number
  leaseUntil: number
}

export type ReserveLineResult = { ok: true; allocations: Allocation[] } | LineFailure

/** The bucket that holds a buyer's reservations and quota for this line: hash(user) mod N. */
export function homeOf(req: LineOrder): number {
  return homeBucket(req.userId, req.buckets)
}

/**
 * Reserves `qty` units for one order line, all or nothing, in one call to the buyer's home
 * bucket: it counts the per-buyer limit in the same transaction and borrows from its siblings
 * when short, so the reservation (and a retry's replay) is always found at home.
 */
export async function reserveLine(
  ns: StockNamespace,
  req: ReserveLineRequest,
): Promise<ReserveLineResult> {
  if (!isLineOrder(req) || !isQuantity(req.qty) || !Number.isSafeInteger(req.leaseUntil)) {
    return INVALID
  }
  const bucket = homeOf(req)
  const self = { skuId: req.skuId, warehouseId: req.warehouseId, buckets: req.buckets, bucket }
  const limit = req.perBuyerLimit === undefined ? {} : { perBuyerLimit: req.perBuyerLimit }
  const r = await bucketStub(ns, req, bucket).reserve(
    req.orderId,
    req.userId,
    req.qty,
    req.leaseUntil,
    {
      ...limit,
      self,
    },
  )
  if (r.ok) return { ok: true, allocations: [{ bucket, qty: r.qty }] }
  if (r.code === 'SOLD_OUT' || r.code === 'INSUFFICIENT_STOCK') {
    return { ok: false, code: r.code, available: r.available }
  }
  return { ok: false, code: r.code }
}

/** Holds the line's reservations until `leaseUntil`: the order adopted them. */
export async function confirmLine(
  ns: StockNamespace,
  req: LineKey & { orderId: string; allocations: readonly Allocation[]; leaseUntil: number },
): Promise<boolean> {
  const results = await Promise.all(
    req.allocations.map((a) => bucketStub(ns, req, a.bucket).confirm(req.orderId, req.leaseUntil)),
  )
  return results.every((r) => r.ok)
}

export type CommitLineResult =
  | { ok: true; allocations: Allocation[] }
  | {
      ok: false
      code: 'LEASE_EXPIRED' | 'RESERVATION_RELEASED' | 'NOT_RESERVED'
      committed: Allocation[]
    }
  | { ok: false; code: 'INVALID_REQUEST'; committed: Allocation[] }

/**
 * Turns the line's reservations into sales (payment). A lease that lapsed still sells if its
 * bucket has the units; otherwise the failure lists what did commit, for a partial refund.
 */
export async function commitLine(
  ns: StockNamespace,
  req: LineOrder & { allocations: Allocation[] },
): Promise<CommitLineResult> {
  // An empty list would "commit" nothing and report success.
  if (!isLineOrder(req) || req.allocations.length === 0) {
    return { ok: false, code: 'INVALID_REQUEST', committed: [] }
  }
  const results = await Promise.all(
    req.allocations.map((a) => bucketStub(ns, req, a.bucket).commit(req.orderId)),
  )
  const committed = req.allocations.filter((_, i) => results[i]?.ok)
  const failed = results.find((r) => !r.ok)
  if (failed && !failed.ok) return { ok: false, code: failed.code, committed }
  return { ok: true, allocations: committed }
}

/**
 * Gives the line's held units and quota back (cancel, timeout). Sold units stay sold. Without
 * allocations (a crash before they were saved) every bucket is fenced so a late reserve fails.
 */
export async function releaseLine(
  ns: StockNamespace,
  req: LineOrder & { allocations?: Allocation[] },
): Promise<{ ok: true; released: number } | LineFailure> {
  if (!isLineOrder(req)) return INVALID
  const buckets = req.allocations?.map((a) => a.bucket) ?? probeOrder(0, req.buckets)
  const results = await Promise.all(buckets.map((b) => bucketStub(ns, req, b).release(req.orderId)))
  return { ok: true, released: results.reduce((n, r) => n + r.released, 0) }
}

/** Takes back reservations nobody else has seen yet, leaving the order id free to reserve again. */
export async function withdrawLine(
  ns: StockNamespace,
  req: LineKey & { orderId: string; allocations: readonly Allocation[] },
): Promise<void> {
  await Promise.all(req.allocations.map((a) => bucketStub(ns, req, a.bucket).withdraw(req.orderId)))
}

/**
 * Reserve and commit at once: the `on_pay` policy at payment. The lease only bounds how long
 * units stay held if this caller dies between the two steps.
 */
export async function purchaseLine(
  ns: StockNamespace,
  req: ReserveLineRequest,
): Promise<ReserveLineResult> {
  const reserved = await reserveLine(ns, req)
  if (!reserved.ok) return reserved
  const committed = await commitLine(ns, { ...req, allocations: reserved.allocations })
  if (committed.ok) return committed
  await releaseLine(ns, { ...req, allocations: reserved.allocations })
  return { ok: false, code: committed.code }
}

// A warehouse that cannot serve the line sends the buyer to the next one; a purchase limit
// or a bad request would answer the same everywhere.
const NEXT_WAREHOUSE = new Set(['SOLD_OUT', 'INSUFFICIENT_STOCK', 'RESERVATION_RELEASED'])

/**
 * Reserves a line from the first warehouse (in the caller's region order) that can serve it
 * whole. A retry replays at the warehouse that served it: those tried before it hold only
 * released rows or nothing for this order. SOLD_OUT only when every warehouse is empty.
 */
export async function reserveFromWarehouses(
  ns: StockNamespace,
  req: Omit<ReserveLineRequest, 'warehouseId' | 'buckets'> & {
    warehouses: readonly { warehouseId: string; buckets: number }[]
  },
): Promise<
  { ok: true; warehouseId: string; buckets: number; allocations: Allocation[] } | LineFailure
> {
  let failure: LineFailure = { ok: false, code: 'SOLD_OUT', available: 0 }
  for (const w of req.warehouses) {
    const result = await reserveLine(ns, { ...req, ...w })
    if (result.ok) return { ...result, ...w }
    if (!NEXT_WAREHOUSE.has(result.code)) return result
    if (failure.code === 'SOLD_OUT' || result.code === 'INSUFFICIENT_STOCK') failure = result
  }
  return failure
}

/** Availability check that writes nothing: may `qty` be sold right now? */
export async function checkLine(
  ns: StockNamespace,
  req: LineKey & { qty: number },
): Promise<{ ok: true; available: number } | LineFailure> {
  if (!isLineKey(req) || !isQuantity(req.qty)) return INVALID
  const views = await Promise.all(
    probeOrder(0, req.buckets).map((b) => bucketStub(ns, req, b).availability()),
  )
  const available = views.reduce((n, v) => n + v.available, 0)
  if (available >= req.qty) return { ok: true, available }
  return { ok: false, code: available === 0 ? 'SOLD_OUT' : 'INSUFFICIENT_STOCK', available }
}
