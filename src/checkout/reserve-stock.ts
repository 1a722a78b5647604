import { type ChildPlan, planChildren } from '../../durable-objects/placement-split'
import {
  checkLine,
  type LineFailure,
  reserveLine,
  UNCONFIRMED_LEASE_MS,
  withdrawLine,
} from '../../durable-objects/stock-allocation'
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

export type ReservedStock =
  | { ok: true; stock: StockLine[]; children: ChildPlan[] | null }
  | (Failure & { readonly skuId?: string })

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

type Holding = { plan: StockLinePlan; warehouse: StockWarehouse; holderId: string }

type Taken = { ok: true; allocations: StockLine['allocations'] } | LineFailure | Unavailable
type Unavailable = { ok: false; code: 'UNAVAILABLE' }

/** A bucket that throws (overloaded, resetting) refuses this attempt; a retry may succeed. */
async function takeOrUnavailable(env: Env, input: ReserveStockInput, h: Holding): Promise<Taken> {
  try {
    return await take(env, input, h)
  } catch {
    return { ok: false, code: 'UNAVAILABLE' }
  }
}

async function take(env: Env, input: ReserveStockInput, h: Holding) {
  const key = { skuId: h.plan.skuId, ...h.warehouse }
  if (h.plan.policy === 'on_pay') {
    const r = await checkLine(env.STOCK_ACTOR, { ...key, qty: h.plan.qty })
    return r.ok ? { ok: true as const, allocations: [] } : r
  }
  const limit = h.plan.perBuyerLimit
  return reserveLine(env.STOCK_ACTOR, {
    ...key,
    orderId: h.holderId,
    userId: input.userId,
    qty: h.plan.qty,
    leaseUntil: input.now + UNCONFIRMED_LEASE_MS,
    ...(limit === null ? {} : { perBuyerLimit: limit }),
  })
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

async function giveBack(env: Env, taken: Holding[], stock: StockLine[]) {
  await Promise.all(
    taken.map((h, i) => {
      const line = stock[i]
      if (!line || line.allocations.length === 0) return null
      const { skuId } = h.plan
      return withdrawLine(env.STOCK_ACTOR, {
        skuId,
        ...h.warehouse,
        orderId: h.holderId,
        allocations: [...line.allocations],
      })
    }),
  )
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
    const results = await Promise.all(holdings.map((h) => takeOrUnavailable(env, input, h)))
    const stock: StockLine[] = holdings.map((h, i) => {
      const r = results[i]
      const { lineNo, skuId, qty, policy, perBuyerLimit } = h.plan
      const allocations = r?.ok ? r.allocations : []
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
    })
    const refusedAt = results.findIndex((r) => !r.ok)
    if (refusedAt < 0) return { ok: true, stock, children }
    await giveBack(env, holdings, stock)
    const refused = results[refusedAt]
    const h = holdings[refusedAt]
    if (!h || !refused || refused.ok) return fail('CONFLICT', 'placement refused')
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
