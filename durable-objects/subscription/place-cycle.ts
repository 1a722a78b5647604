import { placeOrder } from '../../src/checkout/place-order'
import type { Subscription } from '../../src/domain/subscription/types'
import type { Env } from '../../src/env'
import { AppError } from '../../src/errors'

export interface PlacedOrder {
  readonly id: string
  readonly status: string
  readonly amounts: { readonly payable: { readonly amount: number; readonly currency: string } }
}

export type CyclePlacement =
  | { readonly ok: true; readonly order: PlacedOrder }
  | { readonly ok: false; readonly code: string; readonly message: string }

/**
 * Places one renewal's order for the subscriber. `key` is the Idempotency-Key: the same slot
 * and attempt always name the same order, so an alarm run again after a crash finds the order
 * it placed instead of placing another.
 */
export async function placeCycleOrder(
  env: Env,
  sub: Subscription,
  key: string,
): Promise<CyclePlacement> {
  const { plan } = sub
  const body = {
    lines: plan.lines.map((l) => ({ skuId: l.skuId, qty: l.qty })),
    address: plan.address,
    couponIds: 'none' as const,
    note: `subscription ${sub.id}, cycle ${sub.cyclesDone + 1}`,
    expectedPayable: plan.pricePerCycle,
  }
  // Placed exactly as a buyer's own order (catalog price, stock reservation, velocity, the order
  // actor, idempotency), so nothing about it can differ; its refusals come back as the API's codes.
  try {
    const buyer = { role: 'buyer' as const, id: sub.userId, storeId: null }
    const placed = await placeOrder(env, buyer, key, body)
    return { ok: true, order: placed.order }
  } catch (err) {
    if (err instanceof AppError) return { ok: false, code: err.code, message: err.message }
    const message = err instanceof Error ? err.message : 'placement failed'
    return { ok: false, code: 'INTERNAL', message }
  }
}
