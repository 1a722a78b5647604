import { type ChildPlan, planChildren } from '../../durable-objects/order/client'
import type { LineFailure } from '../../durable-objects/stock/client'
import { type Holding, takeHoldings } from '../../durable-objects/stock/client'
import type { StockLine, StockLinePlan, StockWarehouse } from '../domain/order'
import type { Draft } from '../domain/order-draft'
import type { StoreFreight } from '../domain/split-submission'
import type { Env } from '../env'
import { type ErrorCode, type Failure, fail } from '../errors'
import { knownSoldOut, markSoldOut } from '../http/sold-out-hint'

export interface ReserveStockInput {
  readonly orderId: string
  readonly userId: string
  readonly draft: Draft
  readonly plans: readonly StockLinePlan[]
  readonly freightByStore: readonly StoreFreight[]
  readonly points: number
  readonly now: number
  /** Skip warehouses this isolate just saw sold out; off for a retry of an order placed here. */
  readonly trustHints: boolean
}

export type ReservedStock = { ok: true; stock: StockLine[]; children: ChildPlan[] | null } | Failure

const codes: Partial<Record<LineFailure['code'], ErrorCode>> = {
  SOLD_OUT: 'SOLD_OUT',
  INSUFFICIENT_STOCK: 'INSUFFICIENT_STOCK',
  PURCHASE_LIMIT_EXCEEDED: 'PURCHASE_LIMIT_EXCEEDED',
}

function lineFailure(plan: Pick<StockLinePlan, 'lineNo' | 'skuId'>, f: LineFailure): Failure {
  const what = f.code.toLowerCase().replaceAll('_', ' ')
  const details = { lineNo: plan.lineNo, skuId: plan.skuId, available: f.available ?? null }
  return fail(codes[f.code] ?? 'CONFLICT', `line ${plan.lineNo} (${plan.skuId}): ${what}`, details)
}

/** Each line's first warehouse, in the region's order, not known to be sold out right now. */
function firstOpen(plan: StockLinePlan, after: number, input: ReserveStockInput): number {
  const hinted = (w: StockWarehouse) =>
    input.trustHints &&
    plan.policy === 'on_place' &&
    knownSoldOut(plan.skuId, w.warehouseId, input.now)
  return plan.warehouses.findIndex((w, i) => i >= after && !hinted(w))
}

/** Where each line ships from, and who holds it: the order, or the child carrying its package. */
async function holdingsFor(
  env: Env,
  input: ReserveStockInput,
  chosen: ReadonlyMap<number, StockWarehouse>,
): Promise<{ holdings: Holding[]; children: ChildPlan[] | null } | Failure> {
  const split = await planChildren(env, { ...input, stockPlan: input.plans }, chosen, input.now)
  if (split.kind === 'too_many') {
    const message = `lines: the cart would ship as ${split.packages} packages; at most ${split.cap}`
    return fail('TOO_MANY_PACKAGES', message, { field: 'lines', ...split })
  }
  const lines = split.kind === 'split' ? split.stock : input.plans
  const holdings = lines.flatMap((plan) => {
    const warehouse = chosen.get(plan.lineNo)
    return warehouse ? [{ plan, warehouse, holderId: plan.holderId ?? input.orderId }] : []
  })
  return { holdings, children: split.kind === 'split' ? split.children : null }
}

/**
 * Stock first: reserves every line at the buyer's home bucket of the first warehouse that can
 * serve it, before any order actor exists. A warehouse found sold out is remembered for a second
 * and the line moves on to the next one; a refusal of the whole placement gives back whatever
 * other lines took. A single-line refusal costs one bucket call and writes nothing — none at
 * all when this isolate already knows the warehouse is empty.
 */
export async function reserveStock(env: Env, input: ReserveStockInput): Promise<ReservedStock> {
  const from = new Map(input.plans.map((p) => [p.lineNo, 0]))
  for (;;) {
    const chosen = new Map<number, StockWarehouse>()
    for (const plan of input.plans) {
      const at = firstOpen(plan, from.get(plan.lineNo) ?? 0, input)
      const warehouse = plan.warehouses[at]
      if (!warehouse) return lineFailure(plan, { ok: false, code: 'SOLD_OUT', available: 0 })
      from.set(plan.lineNo, at)
      chosen.set(plan.lineNo, warehouse)
    }
    const planned = await holdingsFor(env, input, chosen)
    if ('ok' in planned) return planned
    const { holdings, children } = planned
    const taken = await takeHoldings(env.STOCK_ACTOR, input.userId, holdings, input.now)
    if (taken.ok) return { ok: true, stock: taken.stock, children }
    const { at: h, failure: refused } = taken
    if (refused.code === 'UNAVAILABLE') {
      const message = 'a stock bucket failed; retry with the same Idempotency-Key'
      return fail('UNAVAILABLE', message, { lineNo: h.plan.lineNo, skuId: h.plan.skuId })
    }
    if (refused.code === 'SOLD_OUT') markSoldOut(h.plan.skuId, h.warehouse.warehouseId, input.now)
    const short = refused.code === 'SOLD_OUT' || refused.code === 'INSUFFICIENT_STOCK'
    const next = (from.get(h.plan.lineNo) ?? 0) + 1
    if (!short || next >= h.plan.warehouses.length) return lineFailure(h.plan, refused)
    from.set(h.plan.lineNo, next)
  }
}
