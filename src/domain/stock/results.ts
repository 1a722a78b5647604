import type { StockCounts } from './counts'

/**
 * Typed outcomes of the stock actor's methods. Business failures are values, never exceptions:
 * error classes do not survive RPC, and a rejected call is indistinguishable from an outage.
 */

/** `expired` is a lease the alarm gave back; `released` is an explicit cancel (terminal). */
export type ReservationState = 'reserved' | 'committed' | 'released' | 'expired'

export type ShortageCode = 'SOLD_OUT' | 'INSUFFICIENT_STOCK'

export type ReserveResult =
  | { ok: true; qty: number; state: 'reserved' | 'committed'; replayed: boolean }
  | { ok: false; code: ShortageCode; available: number }
  | { ok: false; code: 'PURCHASE_LIMIT_EXCEEDED'; used: number; limit: number }
  | { ok: false; code: 'RESERVATION_RELEASED' | 'LEASE_EXPIRED' | 'INVALID_REQUEST' }

export type CommitResult =
  | { ok: true; qty: number; replayed: boolean }
  | { ok: false; code: 'NOT_RESERVED' | 'RESERVATION_RELEASED' }
  | { ok: false; code: 'LEASE_EXPIRED'; available: number }

/** Release never fails: releasing nothing, or something already sold, is a no-op. */
export interface ReleaseResult {
  ok: true
  released: number
  state: ReservationState
}

export type AdjustResult =
  | { ok: true; counts: StockCounts; replayed: boolean }
  | { ok: false; code: 'INVALID_REQUEST' }
  | { ok: false; code: 'INSUFFICIENT_STOCK'; available: number }
  | { ok: false; code: 'BELOW_RESERVED'; reserved: number }

export type ClaimResult =
  | { ok: true; used: number; replayed: boolean }
  | { ok: false; code: 'PURCHASE_LIMIT_EXCEEDED'; used: number; limit: number }
  | { ok: false; code: 'RESERVATION_RELEASED' | 'INVALID_REQUEST' }

/** What a bucket can give one order right now: free units plus what the order already holds. */
export interface Availability {
  available: number
  held: number
  /**
   * Units this bucket lent to a sibling that are not known to have arrived yet. They are no
   * longer free here and may not be free there yet, so a bucket that sees them is not sold out.
   */
  inTransit: number
}

export interface StockSnapshot {
  counts: StockCounts
  activeReservations: number
  nextLeaseExpiry: number | null
}

/** Units a bucket handed to a sibling that ran out; 0 when it had none (nothing written). */
export interface LendResult {
  qty: number
  replayed: boolean
  /** Whether the units reached the borrower now; if not, the lender's alarm delivers them. */
  delivered: boolean
}
