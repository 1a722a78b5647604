import {
  fnv1a32,
  planRebalance,
  probeOrder,
  spreadOnHand,
  spreadUnits,
} from '../../src/domain/stock/buckets'
import { isQuantity, type StockCounts, sumCounts } from '../../src/domain/stock/counts'
import {
  type Allocation,
  bucketStub,
  INVALID,
  isId,
  isLineKey,
  type LineFailure,
  type LineKey,
  type StockNamespace,
} from './names'

/**
 * Whole-SKU×warehouse operations over its buckets: reading totals, receiving and returns,
 * setting on hand, and evening buckets out. None of them is on a buyer's path.
 */

export interface LineTotals {
  counts: StockCounts
  buckets: StockCounts[]
}

/** Read-only sum over the buckets (admin views, and the `on_pay` check at placement). */
export async function totals(ns: StockNamespace, key: LineKey): Promise<LineTotals> {
  const snapshots = await Promise.all(
    probeOrder(0, key.buckets).map((b) => bucketStub(ns, key, b).snapshot()),
  )
  const buckets = snapshots.map((s) => s.counts)
  return { counts: sumCounts(buckets), buckets }
}

/** Units received or returned, spread over the buckets; `opId` makes a retry a no-op. */
export async function restockLine(
  ns: StockNamespace,
  req: LineKey & { opId: string; qty: number },
): Promise<{ ok: true; allocations: Allocation[] } | LineFailure> {
  if (!isLineKey(req) || !isId(req.opId) || !isQuantity(req.qty)) return INVALID
  const noted = await bucketStub(ns, req, 0).noteReceipt(req.opId, req.qty)
  if (!noted.ok) return { ok: false, code: 'RECEIPT_CONFLICT', recorded: noted.qty }
  // Start the spread at a bucket picked by the op so single returned units do not all pile up
  // in bucket 0.
  const shares = spreadUnits(req.qty, req.buckets, fnv1a32(req.opId) % req.buckets)
  const allocations = shares.map((qty, bucket) => ({ bucket, qty })).filter((a) => a.qty > 0)
  const results = await Promise.all(
    allocations.map((a) => bucketStub(ns, req, a.bucket).restock(`${req.opId}:${a.bucket}`, a.qty)),
  )
  return results.every((r) => r.ok) ? { ok: true, allocations } : INVALID
}

/**
 * Sets the SKU×warehouse on hand (available + reserved) from a stock count. Live reservations
 * stay where they are and the free units are spread evenly. It is an absolute write: run it
 * when no sale is moving the counts, or use restockLine / bucket adjust for deltas.
 */
export async function setOnHandLine(
  ns: StockNamespace,
  req: LineKey & { onHand: number },
): Promise<{ ok: true; onHand: number[] } | LineFailure> {
  if (!isLineKey(req)) return INVALID
  const before = await totals(ns, req)
  const targets = spreadOnHand(
    req.onHand,
    before.buckets.map((c) => c.reserved),
  )
  if (!targets) return { ok: false, code: req.onHand < 0 ? 'INVALID_REQUEST' : 'BELOW_RESERVED' }
  const results = await Promise.all(targets.map((t, b) => bucketStub(ns, req, b).setOnHand(t)))
  // A reservation landing between the read and the write can refuse one bucket: retry.
  if (!results.every((r) => r.ok)) return { ok: false, code: 'BELOW_RESERVED' }
  return { ok: true, onHand: targets }
}

export interface Move {
  from: number
  to: number
  qty: number
}

/**
 * Evens available units out over the buckets. Each move takes units out of one bucket (logged
 * there under the rebalance id) and then restocks the other; a crash between the two legs is
 * repaired by running the same rebalance id again, which finishes every logged leg first.
 */
export async function rebalanceLine(
  ns: StockNamespace,
  req: LineKey & { rebalanceId: string },
): Promise<{ ok: true; moves: Move[] } | LineFailure> {
  if (!isLineKey(req) || !isId(req.rebalanceId)) return INVALID
  await finishMoves(ns, req, req.rebalanceId)
  const before = await totals(ns, req)
  const plan = planRebalance(before.buckets.map((c) => c.available))
  const attempt = crypto.randomUUID()
  const moves: Move[] = []
  for (const [i, move] of plan.entries()) {
    const opId = `${req.rebalanceId}:${move.to}:${attempt}:${i}`
    const out = await bucketStub(ns, req, move.from).moveOut(opId, move.qty)
    // Units sold since the plan was read: skip this leg, a later rebalance will even it out.
    if (!out.ok) continue
    await bucketStub(ns, req, move.to).restock(`${opId}:in`, move.qty)
    moves.push({ ...move })
  }
  return { ok: true, moves }
}

async function finishMoves(ns: StockNamespace, key: LineKey, rebalanceId: string) {
  const logs = await Promise.all(
    probeOrder(0, key.buckets).map((b) => bucketStub(ns, key, b).movesOut(`${rebalanceId}:`)),
  )
  const legs = logs.flat().map((leg) => ({ ...leg, to: Number(leg.opId.split(':')[1]) }))
  await Promise.all(
    legs
      .filter((leg) => Number.isSafeInteger(leg.to) && leg.to >= 0 && leg.to < key.buckets)
      .map((leg) => bucketStub(ns, key, leg.to).restock(`${leg.opId}:in`, leg.qty)),
  )
}
