import type { StockLine, WalletUse } from '../../../src/domain/order'
import type { Env } from '../../../src/env'
import { type Failure, fail } from '../../../src/errors'
import { confirmLine, releaseLine } from '../../stock/client'
import { walletOf } from '../../wallet/client'
import type { ChildPlan } from './split'

/**
 * What an order adopts at placement: the stock the Worker already reserved in its name (or its
 * children's), and the coupons and points it must still redeem. Persisted while a multi-step
 * placement runs, so a crash is resumed by a retry or undone by the actor's alarm.
 */
export interface PlacementPlan {
  readonly orderId: string
  /** The submission this placement is for: a retry with another body must not resume it. */
  readonly requestHash: string
  /** The children it splits into, decided once so a resumed placement makes the same ones. */
  readonly children: readonly ChildPlan[] | null
  readonly userId: string
  readonly stock: readonly StockLine[]
  readonly wallet: WalletUse | null
  /** How long the adopted reservations are held: past the payment deadline. */
  readonly leaseUntil: number
}

/** Stock held at placement outlives the payment deadline, so the order's own expiry releases it. */
const leaseGraceSeconds = 10 * 60

/** Until when an order placed at `placedAt` holds its reservations: past its payment deadline. */
export function leaseUntilFor(placedAt: number, paymentTimeoutSeconds: number): number {
  return placedAt + (paymentTimeoutSeconds + leaseGraceSeconds) * 1000
}

/** The plan of a new placement: what the Worker reserved, held past the payment deadline. */
export function planFor(
  input: {
    orderId: string
    requestHash: string
    children: readonly ChildPlan[] | null
    userId: string
    stock: readonly StockLine[]
    wallet: WalletUse | null
  },
  paymentTimeoutSeconds: number,
): PlacementPlan {
  const { orderId, requestHash, children, userId, stock, wallet } = input
  const leaseUntil = leaseUntilFor(Date.now(), paymentTimeoutSeconds)
  return { orderId, requestHash, children, userId, stock, wallet, leaseUntil }
}

/** Where a test may make placement die, to prove what survives a crash at that point. */
export type PlacementStep = 'after_stock' | 'after_wallet' | 'before_order'

/** A crash a test asked for: it must escape like a real one, with nothing cleaned up in-process. */
export class InjectedFault extends Error {
  constructor(step: PlacementStep) {
    super(`injected fault at ${step}`)
    this.name = 'InjectedFault'
  }
}

export type PlacementOutcome = { ok: true } | (Failure & { readonly compensated: boolean })

/** Whether placement takes more than one step (and so keeps a record a crash can be undone by). */
export function isMultiStep(plan: PlacementPlan): boolean {
  const wallet = plan.wallet && (plan.wallet.couponIds.length > 0 || plan.wallet.points > 0)
  return Boolean(wallet) || plan.children !== null
}

/**
 * Redeems the coupons and points; a refusal gives back the stock the order was to adopt. If the
 * wallet actor fails outright, `compensated` is false: the caller keeps the placement for a
 * retry to resume, or for its alarm to undo.
 */
export async function runPlacement(
  env: Env,
  plan: PlacementPlan,
  checkpoint: (step: PlacementStep) => void = () => {},
): Promise<PlacementOutcome> {
  checkpoint('after_stock')
  const use = plan.wallet
  if (use && (use.couponIds.length > 0 || use.points > 0)) {
    try {
      const redeemed = await walletOf(env, plan.userId).redeem(
        plan.orderId,
        [...use.couponIds],
        use.points,
      )
      if (!redeemed.ok) {
        await compensate(env, plan)
        return { ...fail(redeemed.code, redeemed.message, redeemed.details), compensated: true }
      }
    } catch {
      const message = 'the wallet failed; retry with the same Idempotency-Key'
      return { ...fail('UNAVAILABLE', message), compensated: false }
    }
  }
  checkpoint('after_wallet')
  return { ok: true }
}

type Holder = Pick<PlacementPlan, 'orderId' | 'userId' | 'stock' | 'leaseUntil'>

function lineRequest(plan: Holder, l: StockLine) {
  return {
    skuId: l.skuId,
    warehouseId: l.warehouseId,
    buckets: l.buckets,
    orderId: l.holderId ?? plan.orderId,
    userId: plan.userId,
    allocations: [...l.allocations],
  }
}

/** Gives back the stock the placement was to adopt, and whatever the wallet holds for it. */
export async function compensate(env: Env, plan: PlacementPlan): Promise<void> {
  const held = plan.stock.filter((l) => l.allocations.length > 0)
  await Promise.all(held.map((l) => releaseLine(env.STOCK_ACTOR, lineRequest(plan, l))))
  if (plan.wallet) await walletOf(env, plan.userId).release(plan.orderId)
}

/**
 * The order exists: hold its reservations past the payment deadline. Best effort — if this never
 * happens the reservation lapses after a short lease, and a payment still sells the units if they
 * are free (or is refunded when they are gone), so nothing is oversold.
 */
export async function confirmLeases(env: Env, plan: Holder): Promise<void> {
  const held = plan.stock.filter((l) => l.allocations.length > 0)
  try {
    await Promise.all(
      held.map((l) =>
        confirmLine(env.STOCK_ACTOR, { ...lineRequest(plan, l), leaseUntil: plan.leaseUntil }),
      ),
    )
  } catch {
    // Lapsing is safe, as said above; the order is placed either way.
  }
}
