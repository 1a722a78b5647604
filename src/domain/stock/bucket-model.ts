import type { AdjustStep } from './adjustment'
import { NO_STOCK, type StockCounts } from './counts'
import {
  type BucketSlice,
  commitStep,
  expireStep,
  type Reservation,
  type ReserveCommand,
  releaseStep,
  reserveStep,
  type Step,
} from './reservation'

/**
 * One bucket held in memory: the executable reference the stock actor is checked against. The
 * actor keeps the same state in SQLite and runs the same steps, so the two must always agree.
 */
export interface BucketModel {
  readonly counts: StockCounts
  readonly reservations: ReadonlyMap<string, Reservation>
}

export const EMPTY_BUCKET: BucketModel = { counts: NO_STOCK, reservations: new Map() }

function slice(model: BucketModel, orderId: string): BucketSlice {
  return { counts: model.counts, reservation: model.reservations.get(orderId) }
}

function apply<R>(model: BucketModel, step: Step<R>): [BucketModel, R] {
  const reservations = new Map(model.reservations)
  if (step.reservation) reservations.set(step.reservation.orderId, step.reservation)
  return [{ counts: step.counts ?? model.counts, reservations }, step.result]
}

export function modelReserve(model: BucketModel, cmd: ReserveCommand) {
  return apply(model, reserveStep(slice(model, cmd.orderId), cmd))
}

export function modelCommit(model: BucketModel, orderId: string) {
  return apply(model, commitStep(slice(model, orderId)))
}

export function modelRelease(model: BucketModel, orderId: string) {
  return apply(model, releaseStep(slice(model, orderId), orderId))
}

/** What the alarm does at `now`: every lease due by then goes back to available. */
export function modelExpire(model: BucketModel, now: number): [BucketModel, number] {
  let next = model
  let expired = 0
  for (const orderId of model.reservations.keys()) {
    const [after, done] = apply(next, expireStep(slice(next, orderId), now))
    next = after
    if (done) expired++
  }
  return [next, expired]
}

export function modelAdjust(model: BucketModel, step: (c: StockCounts) => AdjustStep) {
  const { result, counts } = step(model.counts)
  return [{ ...model, counts: counts ?? model.counts }, result] as const
}
