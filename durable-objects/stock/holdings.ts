import type { StockLine, StockLinePlan, StockWarehouse } from '../../src/domain/order'
import { checkLine, reserveLine, UNCONFIRMED_LEASE_MS, withdrawLine } from './allocation'
import type { LineFailure, StockNamespace } from './names'

/** One line to take stock for: where it ships from, and the order that holds it. */
export interface Holding {
  readonly plan: StockLinePlan
  readonly warehouse: StockWarehouse
  readonly holderId: string
}

/** A bucket that threw (overloaded, resetting): a retry may succeed. */
export type Unavailable = { ok: false; code: 'UNAVAILABLE' }

export type HoldingsTaken =
  | { ok: true; stock: StockLine[] }
  | { ok: false; at: Holding; failure: LineFailure | Unavailable }

async function take(ns: StockNamespace, userId: string, h: Holding, leaseUntil: number) {
  const key = { skuId: h.plan.skuId, ...h.warehouse }
  if (h.plan.policy === 'on_pay') {
    const r = await checkLine(ns, { ...key, qty: h.plan.qty })
    return r.ok ? { ok: true as const, allocations: [] } : r
  }
  const limit = h.plan.perBuyerLimit
  return reserveLine(ns, {
    ...key,
    orderId: h.holderId,
    userId,
    qty: h.plan.qty,
    leaseUntil,
    ...(limit === null ? {} : { perBuyerLimit: limit }),
  })
}

async function takeOrUnavailable(ns: StockNamespace, userId: string, h: Holding, until: number) {
  try {
    return await take(ns, userId, h, until)
  } catch {
    return { ok: false, code: 'UNAVAILABLE' } as const
  }
}

function stockLine(h: Holding, allocations: StockLine['allocations']): StockLine {
  const { lineNo, skuId, qty, policy, perBuyerLimit } = h.plan
  return {
    holderId: h.holderId,
    lineNo,
    skuId,
    qty,
    policy,
    perBuyerLimit,
    ...h.warehouse,
    allocations,
  }
}

/**
 * Reserves every holding concurrently (on_pay lines are only checked), with a short lease the
 * adopting order extends. All or nothing: on any refusal what the others took is withdrawn —
 * the rows go, so the same order ids may reserve again on a retry — and the first refusal says
 * which holding and why.
 */
export async function takeHoldings(
  ns: StockNamespace,
  userId: string,
  holdings: readonly Holding[],
  now: number,
): Promise<HoldingsTaken> {
  const leaseUntil = now + UNCONFIRMED_LEASE_MS
  const results = await Promise.all(
    holdings.map((h) => takeOrUnavailable(ns, userId, h, leaseUntil)),
  )
  const stock = holdings.map((h, i) => {
    const r = results[i]
    return stockLine(h, r?.ok ? r.allocations : [])
  })
  const refusedAt = results.findIndex((r) => !r.ok)
  const refused = results[refusedAt]
  const at = holdings[refusedAt]
  if (!refused || refused.ok || !at) return { ok: true, stock }
  await Promise.all(
    stock
      .filter((line) => line.allocations.length > 0)
      .map((line) =>
        withdrawLine(ns, {
          ...line,
          orderId: line.holderId ?? '',
          allocations: [...line.allocations],
        }),
      ),
  )
  return { ok: false, at, failure: refused }
}
