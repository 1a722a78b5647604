import type { StockLine } from '../../src/domain/order'
import type { Env } from '../../src/env'
import { releaseLine, reserveLine } from '../stock/client'

/** How long units taken at payment stay held before the commit effect sells them. */
const holdMs = 10 * 60_000

/**
 * The on_pay policy at payment: hold every on_pay line at its warehouse, all or nothing. The
 * commit that follows the payment sells them like on_place lines.
 */
export async function takeStockAtPayment(
  env: Env,
  orderId: string,
  userId: string,
  lines: readonly StockLine[],
): Promise<{ ok: true; lines: StockLine[] } | { ok: false; lineNo: number; code: string }> {
  const pending = lines.filter((l) => l.policy === 'on_pay' && l.allocations.length === 0)
  if (pending.length === 0) return { ok: true, lines: [...lines] }
  const leaseUntil = Date.now() + holdMs
  const results = await Promise.all(
    pending.map((l) =>
      reserveLine(env.STOCK_ACTOR, {
        orderId,
        userId,
        skuId: l.skuId,
        warehouseId: l.warehouseId,
        buckets: l.buckets,
        qty: l.qty,
        leaseUntil,
        ...(l.perBuyerLimit === null ? {} : { perBuyerLimit: l.perBuyerLimit }),
      }),
    ),
  )
  const failedAt = results.findIndex((r) => !r.ok)
  if (failedAt >= 0) {
    await Promise.all(
      pending.map((l, i) => {
        const r = results[i]
        if (!r?.ok) return null
        const limit = l.perBuyerLimit === null ? {} : { perBuyerLimit: l.perBuyerLimit }
        const key = { skuId: l.skuId, warehouseId: l.warehouseId, buckets: l.buckets }
        return releaseLine(env.STOCK_ACTOR, {
          ...key,
          orderId,
          userId,
          ...limit,
          allocations: r.allocations,
        })
      }),
    )
    const failed = results[failedAt]
    return {
      ok: false,
      lineNo: pending[failedAt]?.lineNo ?? 0,
      code: failed && !failed.ok ? failed.code : 'SOLD_OUT',
    }
  }
  const taken = new Map(pending.map((l, i) => [l.lineNo, results[i]]))
  return {
    ok: true,
    lines: lines.map((l) => {
      const r = taken.get(l.lineNo)
      return r?.ok ? { ...l, allocations: r.allocations } : l
    }),
  }
}
