import {
  env,
  listDurableObjectIds,
  runDurableObjectAlarm,
  runInDurableObject,
} from 'cloudflare:test'
import fc from 'fast-check'
import type { StockActor } from '../../durable-objects/stock/actor'
import { adjustStep, restockStep, setOnHandStep } from '../../src/domain/stock/adjustment'
import {
  type BucketModel,
  modelAdjust,
  modelCommit,
  modelExpire,
  modelRelease,
  modelReserve,
} from '../../src/domain/stock/bucket-model'

/** Shared by the stock tests: random command sequences and actor plumbing for time and alarms. */

export const FAR_LEASE = Date.now() + 3_600_000

export type StockStub = DurableObjectStub<StockActor>

export function stockStub(name: string): StockStub {
  return env.STOCK_ACTOR.get(env.STOCK_ACTOR.idFromName(name))
}

/**
 * runInDurableObject, typed for StockActor: the pool's constraint wants DurableObject<Cloudflare.Env>
 * and the actor is typed with the app's Env, so the instance is narrowed here once.
 */
export function inStockActor<R>(
  stub: StockStub,
  fn: (actor: StockActor, state: DurableObjectState) => R | Promise<R>,
): Promise<R> {
  return runInDurableObject(stub, (instance: unknown, state) => fn(instance as StockActor, state))
}

/** Makes leases due (all, or one order's) and runs the alarm, as if their time had come. */
export async function expireLeases(stub: StockStub, orderId?: string): Promise<void> {
  await inStockActor(stub, (_actor, state) => {
    for (const table of ['reservations', 'quota_claims']) {
      state.storage.sql.exec(
        `UPDATE ${table} SET lease_until = 1 WHERE state = 'reserved' AND (?1 IS NULL OR order_id = ?1)`,
        orderId ?? null,
      )
    }
  })
  await runDurableObjectAlarm(stub)
}

/** Alarms survive between tests; a stock test leaves none behind. */
export async function clearStockAlarms(): Promise<void> {
  for (const id of await listDurableObjectIds(env.STOCK_ACTOR)) {
    await runInDurableObject(env.STOCK_ACTOR.get(id), (_i, state) => state.storage.deleteAlarm())
  }
}

export type Command =
  | { kind: 'reserve'; order: number; qty: number }
  | { kind: 'commit' | 'release' | 'expire'; order: number }
  | { kind: 'restock'; qty: number }
  | { kind: 'adjust'; delta: number }
  | { kind: 'setOnHand'; onHand: number }

export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('reserve' as const),
    order: fc.nat(5),
    qty: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({ kind: fc.constantFrom('commit' as const, 'release' as const), order: fc.nat(5) }),
  fc.record({ kind: fc.constant('expire' as const), order: fc.nat(5) }),
  fc.record({ kind: fc.constant('restock' as const), qty: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('adjust' as const), delta: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ kind: fc.constant('setOnHand' as const), onHand: fc.nat(12) }),
)

function expireOne(m: BucketModel, orderId: string): [BucketModel, number] {
  const r = m.reservations.get(orderId)
  if (r?.state !== 'reserved') return [m, 0]
  const due = new Map(m.reservations).set(orderId, { ...r, leaseUntil: 1 })
  return modelExpire({ ...m, reservations: due }, 1)
}

/** One command on the model: the next model and the answer the actor must give too. */
export function modelStep(m: BucketModel, c: Command): readonly [BucketModel, unknown] {
  const orderId = 'order' in c ? `o${c.order}` : ''
  switch (c.kind) {
    case 'reserve': {
      const cmd = { orderId, userId: `u${c.order}`, qty: c.qty, leaseUntil: FAR_LEASE }
      return modelReserve(m, { ...cmd, partial: false })
    }
    case 'commit':
      return modelCommit(m, orderId)
    case 'release':
      return modelRelease(m, orderId)
    case 'expire':
      return expireOne(m, orderId)
    case 'restock':
      return modelAdjust(m, (x) => restockStep(x, c.qty))
    case 'adjust':
      return modelAdjust(m, (x) => adjustStep(x, c.delta))
    case 'setOnHand':
      return modelAdjust(m, (x) => setOnHandStep(x, c.onHand))
  }
}

/** The same command on a real actor; `op` keeps restock/adjust ids unique within a run. */
export async function actorStep(stub: StockStub, c: Command, op: string): Promise<unknown> {
  const orderId = 'order' in c ? `o${c.order}` : ''
  switch (c.kind) {
    case 'reserve':
      return stub.reserve(orderId, `u${c.order}`, c.qty, FAR_LEASE)
    case 'commit':
      return stub.commit(orderId)
    case 'release':
      return stub.release(orderId)
    case 'expire':
      await expireLeases(stub, orderId)
      return undefined
    case 'restock':
      return stub.restock(op, c.qty)
    case 'adjust':
      return stub.adjust(op, c.delta)
    case 'setOnHand':
      return stub.setOnHand(c.onHand)
  }
}
