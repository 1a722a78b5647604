import type { Role } from '../process/types'

/** Units and money of one line given back by a partial cancel. */
export interface CancelledLine {
  readonly lineNo: number
  readonly qty: number
  /** Index of the first unit cancelled, in the line's largest-remainder unit order. */
  readonly firstUnit: number
  /** Minor units refunded for these units: their share of the line's final amount. */
  readonly amount: number
}

/** One provider payment's part of a partial cancel's refund. */
export interface CancelPayout {
  readonly paymentId: string
  readonly amount: number
}

/**
 * Some units of a paid, unshipped order cancelled: their finals refunded, their stock back on
 * sale, points back in proportion; the coupons stay with the order and the rest ships. Kept on
 * the order as an added record, never an edit of the order's lines or amounts.
 */
export interface PartialCancel {
  readonly id: string
  /** The caller's Idempotency-Key and the request it came with: a retry replays, never repeats. */
  readonly idempotencyKey: string
  readonly requestHash: string
  readonly lines: readonly CancelledLine[]
  /** Sum of the lines' amounts. */
  readonly items: number
  /** The order's freight, when this cancel left nothing to ship; else 0. */
  readonly freight: number
  readonly total: number
  readonly points: number
  readonly payouts: readonly CancelPayout[]
  readonly reason: string
  readonly by: { readonly role: Role; readonly id: string }
  readonly at: number
}

/** What a caller asks to cancel: line numbers and units of each. */
export interface CancelLinesRequest {
  readonly lines: readonly { readonly lineNo: number; readonly qty: number }[]
  readonly reason: string
}

/** A stable text of the request, so a reused Idempotency-Key with another body is caught. */
export function cancelRequestHash(request: CancelLinesRequest): string {
  const lines = [...request.lines]
    .sort((a, b) => a.lineNo - b.lineNo)
    .map((l) => `${l.lineNo}x${l.qty}`)
  return `${lines.join(',')}|${request.reason}`
}
