import {
  holdUnits,
  isQuantity,
  type StockCounts,
  sellAvailableUnits,
  sellHeldUnits,
  unholdUnits,
} from './counts'
import type { CommitResult, ReleaseResult, ReservationState, ReserveResult } from './results'

/** One order's claim on a bucket. Rows outlive their reservation so retries stay idempotent. */
export interface Reservation {
  readonly orderId: string
  readonly userId: string
  readonly qty: number
  readonly leaseUntil: number | null
  readonly state: ReservationState
}

/** The part of a bucket one order's transition reads. */
export interface BucketSlice {
  readonly counts: StockCounts
  readonly reservation: Reservation | undefined
}

/** A decision: the answer, plus only the rows that must be written (absent = leave it alone). */
export interface Step<R> {
  readonly result: R
  readonly counts?: StockCounts
  readonly reservation?: Reservation
}

export interface ReserveCommand {
  readonly orderId: string
  readonly userId: string
  readonly qty: number
  readonly leaseUntil: number
  /** Take what there is (up to qty) instead of all or nothing; used to draw a line from buckets. */
  readonly partial: boolean
}

function replayReserve(r: Reservation): ReserveResult {
  if (r.state === 'reserved' || r.state === 'committed') {
    return { ok: true, qty: r.qty, state: r.state, replayed: true }
  }
  return { ok: false, code: r.state === 'expired' ? 'LEASE_EXPIRED' : 'RESERVATION_RELEASED' }
}

export function reserveStep(slice: BucketSlice, cmd: ReserveCommand): Step<ReserveResult> {
  if (slice.reservation) return { result: replayReserve(slice.reservation) }
  // A lease that is not a time would never expire and strand the units for good.
  if (!isQuantity(cmd.qty) || !Number.isSafeInteger(cmd.leaseUntil)) {
    return { result: { ok: false, code: 'INVALID_REQUEST' } }
  }
  const { available } = slice.counts
  // The sold-out answer writes nothing: it is most of the traffic in a flash sale.
  if (available === 0) return { result: { ok: false, code: 'SOLD_OUT', available } }
  if (available < cmd.qty && !cmd.partial) {
    return { result: { ok: false, code: 'INSUFFICIENT_STOCK', available } }
  }
  const qty = Math.min(cmd.qty, available)
  return {
    result: { ok: true, qty, state: 'reserved', replayed: false },
    counts: holdUnits(slice.counts, qty),
    reservation: {
      orderId: cmd.orderId,
      userId: cmd.userId,
      qty,
      leaseUntil: cmd.leaseUntil,
      state: 'reserved',
    },
  }
}

export function commitStep(slice: BucketSlice): Step<CommitResult> {
  const r = slice.reservation
  if (!r) return { result: { ok: false, code: 'NOT_RESERVED' } }
  if (r.state === 'committed') return { result: { ok: true, qty: r.qty, replayed: true } }
  if (r.state === 'released') return { result: { ok: false, code: 'RESERVATION_RELEASED' } }
  const committed: Reservation = { ...r, state: 'committed', leaseUntil: null }
  const result: CommitResult = { ok: true, qty: r.qty, replayed: false }
  if (r.state === 'reserved') {
    return { result, counts: sellHeldUnits(slice.counts, r.qty), reservation: committed }
  }
  // A payment that lands just after its lease ran out still sells if the units are free.
  const { available } = slice.counts
  if (available < r.qty) return { result: { ok: false, code: 'LEASE_EXPIRED', available } }
  return { result, counts: sellAvailableUnits(slice.counts, r.qty), reservation: committed }
}

export function releaseStep(slice: BucketSlice, orderId: string): Step<ReleaseResult> {
  const r = slice.reservation
  if (!r) {
    // Fence: a reserve still in flight for a cancelled order must not take stock afterwards.
    const tombstone: Reservation = {
      orderId,
      userId: '',
      qty: 0,
      leaseUntil: null,
      state: 'released',
    }
    return { result: { ok: true, released: 0, state: 'released' }, reservation: tombstone }
  }
  if (r.state !== 'reserved') return { result: { ok: true, released: 0, state: r.state } }
  return {
    result: { ok: true, released: r.qty, state: 'released' },
    counts: unholdUnits(slice.counts, r.qty),
    reservation: { ...r, state: 'released', leaseUntil: null },
  }
}

/** The alarm's move: a lease past its time goes back to available; anything else is left alone. */
export function expireStep(slice: BucketSlice, now: number): Step<boolean> {
  const r = slice.reservation
  if (r?.state !== 'reserved' || r.leaseUntil === null || r.leaseUntil > now) {
    return { result: false }
  }
  return {
    result: true,
    counts: unholdUnits(slice.counts, r.qty),
    reservation: { ...r, state: 'expired' },
  }
}
