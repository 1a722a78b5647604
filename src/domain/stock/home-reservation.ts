import { claimStep } from './quota'
import { type BucketSlice, type Reservation, reserveStep, type Step } from './reservation'
import type { ReserveResult } from './results'

/**
 * A reservation at the buyer's home bucket: the units and, when the SKU has a per-buyer limit,
 * the buyer's quota, decided together so they are written in one transaction. Every refusal
 * (limit reached, not enough units) decides no write at all.
 */
export interface HomeReserveCommand {
  readonly orderId: string
  readonly userId: string
  readonly qty: number
  readonly leaseUntil: number
  /** Units one buyer may hold or buy of this SKU here; absent means no limit. */
  readonly perBuyerLimit?: number
}

export interface HomeSlice extends BucketSlice {
  /** The buyer's quota held through other orders in this bucket (reserved or committed). */
  readonly quotaUsed: number
  readonly claim: Reservation | undefined
}

export interface HomeStep extends Step<ReserveResult> {
  readonly claim?: Reservation
}

export function homeReserveStep(slice: HomeSlice, cmd: HomeReserveCommand): HomeStep {
  // A retry finds its reservation whatever happened to the stock or the limit since.
  if (slice.reservation) return reserveStep(slice, { ...cmd, partial: false })
  const limit = cmd.perBuyerLimit
  if (limit !== undefined) {
    const quota = claimStep(slice.claim, slice.quotaUsed, { ...cmd, limit })
    if (!quota.result.ok) {
      if (quota.result.code === 'PURCHASE_LIMIT_EXCEEDED') return { result: quota.result }
      return { result: { ok: false, code: quota.result.code } }
    }
    const units = reserveStep(slice, { ...cmd, partial: false })
    if (!units.result.ok) return units
    return quota.claim ? { ...units, claim: quota.claim } : units
  }
  return reserveStep(slice, { ...cmd, partial: false })
}

/** Whether a refusal could turn into a grant once units are borrowed from sibling buckets. */
export function isShortOfUnits(result: ReserveResult): boolean {
  return !result.ok && (result.code === 'SOLD_OUT' || result.code === 'INSUFFICIENT_STOCK')
}
