import { isQuantity } from './counts'
import type { Reservation } from './reservation'
import type { ClaimResult } from './results'

/**
 * Per-buyer purchase limit. A claim is a reservation of quota rather than of units: same row
 * shape and states, keyed by order id, counted per buyer while reserved or committed.
 */
export interface ClaimCommand {
  readonly orderId: string
  readonly userId: string
  readonly qty: number
  readonly limit: number
  readonly leaseUntil: number
}

export interface ClaimStep<R> {
  readonly result: R
  readonly claim?: Reservation
}

/** `used` is the buyer's quota held by other orders (reserved or committed). */
export function claimStep(
  existing: Reservation | undefined,
  used: number,
  cmd: ClaimCommand,
): ClaimStep<ClaimResult> {
  if (existing) {
    if (existing.state === 'reserved' || existing.state === 'committed') {
      return { result: { ok: true, used: used + existing.qty, replayed: true } }
    }
    return { result: { ok: false, code: 'RESERVATION_RELEASED' } }
  }
  if (!isQuantity(cmd.qty) || !isQuantity(cmd.limit) || !Number.isSafeInteger(cmd.leaseUntil)) {
    return { result: { ok: false, code: 'INVALID_REQUEST' } }
  }
  if (used + cmd.qty > cmd.limit) {
    return { result: { ok: false, code: 'PURCHASE_LIMIT_EXCEEDED', used, limit: cmd.limit } }
  }
  const { orderId, userId, qty, leaseUntil } = cmd
  return {
    result: { ok: true, used: used + qty, replayed: false },
    claim: { orderId, userId, qty, leaseUntil, state: 'reserved' },
  }
}

/** A paid order keeps its quota for good, even if its claim lapsed while payment was in flight. */
export function commitClaimStep(existing: Reservation | undefined): ClaimStep<boolean> {
  if (!existing || existing.state === 'committed' || existing.state === 'released') {
    return { result: existing?.state === 'committed' }
  }
  return { result: true, claim: { ...existing, state: 'committed', leaseUntil: null } }
}

/** Gives the quota back unless the order was paid; a missing claim is fenced like a release. */
export function releaseClaimStep(
  existing: Reservation | undefined,
  orderId: string,
): ClaimStep<boolean> {
  if (!existing) {
    return {
      result: false,
      claim: { orderId, userId: '', qty: 0, leaseUntil: null, state: 'released' },
    }
  }
  if (existing.state !== 'reserved') return { result: false }
  return { result: true, claim: { ...existing, state: 'released', leaseUntil: null } }
}
