import { durationsFrom } from '../../../src/config'
import type { Order } from '../../../src/domain/order'
import { type OrderView, orderView } from '../../../src/domain/order-view'
import { timerKey } from '../../../src/domain/process/timer-keys'
import { fail, type Result } from '../../../src/errors'
import type { OrderRuntime } from '../runtime'
import { settleIfFree } from '../settle-free'
import { adoptChildren } from '../split'
import { armStockHold } from '../stock-hold'
import type { PlaceOrderInput } from '../types'
import {
  compensate,
  InjectedFault,
  isMultiStep,
  type PlacementStep,
  planFor,
  runPlacement,
} from './saga'
import { childRef } from './split'

export type Placed = Result<{ order: OrderView; replayed: boolean }>

const keyReused = () =>
  fail('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different order')

const placementTimeoutMs = 2 * 60_000

/**
 * Adopts the stock the Worker reserved: redeems coupons and points, creates the children of a
 * split, then the order, and holds the reservations past the payment deadline. A retry with
 * the same key and body gets the order as first placed; with another body, a 409. The caller
 * runs it as the actor's one mutation at a time.
 */
export async function place(rt: OrderRuntime, input: PlaceOrderInput): Promise<Placed> {
  const existing = rt.hasSchema ? rt.store.load() : null
  if (existing) return replayOf(existing, input.requestHash)
  rt.ensureSchema()
  const stale = rt.store.placement()
  if (stale && stale.requestHash !== input.requestHash) return keyReused()
  // A placement that died half-way resumes with the plan it recorded: every step is
  // idempotent per order id, so what it already took is found, not taken twice.
  const plan = stale ?? planFor(input, durationsFrom(rt.env).PAYMENT_TIMEOUT_SECONDS)
  const multiStep = isMultiStep(plan)
  if (multiStep && !stale) {
    rt.storage.transactionSync(() => {
      rt.store.startPlacement(plan)
      rt.store.timers.set(
        timerKey({ owner: 'placement' }),
        Date.now() + placementTimeoutMs,
        'abandon',
      )
    })
    rt.syncAlarm()
  }
  const secured = await runPlacement(rt.env, plan, (step) => trip(rt, step))
  if (!secured.ok && !secured.compensated) return secured
  trip(rt, 'before_order')
  const split = plan.children
  const refused =
    secured.ok && split ? await adoptChildren(rt.env, input, split, [...plan.stock]) : null
  const failure = secured.ok ? refused : secured
  if (failure) {
    if (secured.ok) await compensate(rt.env, plan)
    if (multiStep) rt.storage.transactionSync(() => rt.endPlacement())
    rt.syncAlarm()
    return failure
  }
  const done = (order: Order) => {
    if (multiStep) rt.endPlacement()
    armStockHold(rt.store.timers, order)
  }
  const order = split
    ? rt.ledger.create(input, [], done, { status: 'split', children: split.map(childRef) })
    : settleIfFree(rt.ledger, rt.ledger.create(input, [...plan.stock], done))
  rt.afterCommit()
  return { ok: true, order: orderView(order), replayed: false }
}

/**
 * Whether this key already placed an order with this body: the order (replayed), 409 for
 * another body, NOT_FOUND when nothing was placed. Reads only: an unknown id stays unwritten.
 */
export function replay(rt: OrderRuntime, requestHash: string): Placed {
  const existing = rt.hasSchema ? rt.store.load() : null
  if (!existing) return fail('NOT_FOUND', 'no such order')
  return replayOf(existing, requestHash)
}

function replayOf(existing: { order: Order; requestHash: string }, requestHash: string): Placed {
  if (existing.requestHash !== requestHash) return keyReused()
  return { ok: true, order: orderView(existing.order), replayed: true }
}

/** The fault a test armed fires once, at its step, as if the actor were reset there. */
function trip(rt: OrderRuntime, step: PlacementStep): void {
  if (rt.fault !== step) return
  rt.fault = null
  throw new InjectedFault(step)
}
