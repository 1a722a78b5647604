import type { StockLine, StockLinePlan, WalletUse } from '../src/domain/order'
import type { Env } from '../src/env'
import { type ErrorCode, type Failure, fail } from '../src/errors'
import type { ChildPlan } from './placement-split'
import { checkLine, type LineFailure, releaseLine, reserveFromWarehouses } from './stock-allocation'
import { walletOf } from './wallet-port'

/** What placement must secure before an order exists. Persisted, so a crash can be undone. */
export interface PlacementPlan {
  readonly orderId: string
  /** The submission this placement is for: a retry with another body must not resume it. */
  readonly requestHash: string
  /** The children it splits into, decided once so a resumed placement makes the same ones. */
  readonly children: readonly ChildPlan[] | null
  readonly userId: string
  readonly stock: readonly StockLinePlan[]
  readonly wallet: WalletUse | null
  readonly velocityLimit: number | null
  readonly leaseUntil: number
}

const stockCodes: Partial<Record<LineFailure['code'], ErrorCode>> = {
  SOLD_OUT: 'SOLD_OUT',
  INSUFFICIENT_STOCK: 'INSUFFICIENT_STOCK',
  PURCHASE_LIMIT_EXCEEDED: 'PURCHASE_LIMIT_EXCEEDED',
}

function stockFailure(plan: StockLinePlan, f: LineFailure): Failure {
  const code = stockCodes[f.code] ?? 'CONFLICT'
  const details = { lineNo: plan.lineNo, skuId: plan.skuId, available: f.available ?? null }
  return fail(
    code,
    `line ${plan.lineNo} (${plan.skuId}): ${f.code.toLowerCase().replaceAll('_', ' ')}`,
    details,
  )
}

/** on_place lines are reserved now; on_pay lines are only checked, at the first warehouse able. */
async function secureLine(
  env: Env,
  plan: PlacementPlan,
  line: StockLinePlan,
): Promise<{ ok: true; line: StockLine } | Failure> {
  const holderId = line.holderId ?? plan.orderId
  const base = {
    holderId,
    lineNo: line.lineNo,
    skuId: line.skuId,
    qty: line.qty,
    policy: line.policy,
  }
  const limit = line.perBuyerLimit ?? undefined
  if (line.warehouses.length === 0)
    return stockFailure(line, { ok: false, code: 'SOLD_OUT', available: 0 })
  if (line.policy === 'on_place') {
    const r = await reserveFromWarehouses(env.STOCK_ACTOR, {
      orderId: holderId,
      userId: plan.userId,
      skuId: line.skuId,
      qty: line.qty,
      leaseUntil: plan.leaseUntil,
      warehouses: line.warehouses,
      ...(limit === undefined ? {} : { perBuyerLimit: limit }),
    })
    if (!r.ok) return stockFailure(line, r)
    const stock = {
      ...base,
      perBuyerLimit: line.perBuyerLimit,
      warehouseId: r.warehouseId,
      buckets: r.buckets,
    }
    return { ok: true, line: { ...stock, allocations: r.allocations } }
  }
  let last: LineFailure = { ok: false, code: 'SOLD_OUT', available: 0 }
  for (const w of line.warehouses) {
    const r = await checkLine(env.STOCK_ACTOR, { skuId: line.skuId, ...w, qty: line.qty })
    if (r.ok) {
      const stock = { ...base, perBuyerLimit: line.perBuyerLimit, warehouseId: w.warehouseId }
      return { ok: true, line: { ...stock, buckets: w.buckets, allocations: [] } }
    }
    if (last.code === 'SOLD_OUT') last = r
  }
  return stockFailure(line, last)
}

/**
 * Takes stock, then coupons and points; any refusal gives back everything taken so far. The
 * lines are secured concurrently so a five-line cart costs one round of stock calls.
 */
/** Where a test may make placement die, to prove what survives a crash at that point. */
export type PlacementStep = 'after_stock' | 'after_wallet' | 'before_order'

/** A crash a test asked for: it must escape like a real one, with nothing cleaned up in-process. */
export class InjectedFault extends Error {
  constructor(step: PlacementStep) {
    super(`injected fault at ${step}`)
    this.name = 'InjectedFault'
  }
}

export type PlacementOutcome =
  | { ok: true; stock: StockLine[] }
  | (Failure & { readonly compensated: boolean })

async function takeAll(
  env: Env,
  plan: PlacementPlan,
  checkpoint: (step: PlacementStep) => void,
): Promise<{ ok: true; stock: StockLine[] } | Failure> {
  const wallet = walletOf(env, plan.userId)
  if (plan.velocityLimit !== null) {
    const admitted = await wallet.admit(Date.now(), plan.velocityLimit)
    if (!admitted.ok) return fail(admitted.code, admitted.message, admitted.details)
  }
  const results = await Promise.all(plan.stock.map((line) => secureLine(env, plan, line)))
  const secured = results.flatMap((r) => (r.ok ? [r.line] : []))
  const refused = results.find((r): r is Failure => !r.ok)
  if (refused) {
    await compensate(env, plan, secured)
    return refused
  }
  checkpoint('after_stock')
  if (plan.wallet && (plan.wallet.couponIds.length > 0 || plan.wallet.points > 0)) {
    const { couponIds, points } = plan.wallet
    const redeemed = await wallet.redeem(plan.orderId, [...couponIds], points)
    if (!redeemed.ok) {
      await compensate(env, plan, secured)
      return fail(redeemed.code, redeemed.message, redeemed.details)
    }
  }
  checkpoint('after_wallet')
  return { ok: true, stock: secured }
}

/**
 * Takes stock, then coupons and points; any refusal gives back everything taken so far. The
 * lines are secured concurrently so a five-line cart costs one round of stock calls. If a stock
 * or wallet actor fails outright, `compensated` is false: the caller keeps the placement for a
 * retry to resume, or for its alarm to undo.
 */
export async function runPlacement(
  env: Env,
  plan: PlacementPlan,
  checkpoint: (step: PlacementStep) => void = () => {},
): Promise<PlacementOutcome> {
  try {
    const taken = await takeAll(env, plan, checkpoint)
    return taken.ok ? taken : { ...taken, compensated: true }
  } catch (error) {
    if (error instanceof InjectedFault) throw error
    // Whatever was taken stays recorded with the placement: a retry resumes it (every step is
    // idempotent per order), and if none comes the alarm gives it all back.
    const message = 'a stock or wallet actor failed; retry with the same Idempotency-Key'
    return { ...fail('UNAVAILABLE', message), compensated: false }
  }
}

/**
 * Undoes a placement. With `secured` unknown (a crash lost it) every candidate warehouse of every
 * line is released, which also fences its buckets against a late reserve of this order.
 */
export async function compensate(
  env: Env,
  plan: PlacementPlan,
  secured: readonly StockLine[] | null,
): Promise<void> {
  const releases = secured
    ? secured
        .filter((l) => l.allocations.length > 0)
        .map((l) => ({
          holderId: l.holderId ?? plan.orderId,
          skuId: l.skuId,
          warehouseId: l.warehouseId,
          buckets: l.buckets,
          perBuyerLimit: l.perBuyerLimit,
          allocations: [...l.allocations],
        }))
    : plan.stock.flatMap((l) =>
        l.warehouses.map((w) => ({
          holderId: l.holderId ?? plan.orderId,
          skuId: l.skuId,
          ...w,
          perBuyerLimit: l.perBuyerLimit,
          allocations: undefined,
        })),
      )
  await Promise.all(
    releases.map(({ perBuyerLimit, allocations, holderId, ...key }) =>
      releaseLine(env.STOCK_ACTOR, {
        ...key,
        orderId: holderId,
        userId: plan.userId,
        ...(perBuyerLimit === null ? {} : { perBuyerLimit }),
        ...(allocations ? { allocations } : {}),
      }),
    ),
  )
  if (plan.wallet) await walletOf(env, plan.userId).release(plan.orderId)
}
