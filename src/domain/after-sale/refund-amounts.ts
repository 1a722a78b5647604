import { money } from '../money'
import { refundableAmount } from '../pricing/refund'
import type { Failure, Result } from '../result'
import { pointsForRefund } from './refund-points'

/** What a refund needs of an order line: its units and what the buyer paid for them. */
export interface RefundableLine {
  readonly lineNo: number
  readonly qty: number
  /** The line's amount after every discount layer, minor units (Order.lines[].finalAmount). */
  readonly finalAmount: number
}

export interface RequestedLine {
  readonly lineNo: number
  readonly qty: number
}

/** Units per line, by lineNo. */
export type UnitsByLine = Readonly<Record<number, number>>

export interface RefundBasis {
  readonly currency: string
  readonly lines: readonly RefundableLine[]
  readonly freight: number
  /** Points the buyer redeemed on the order (Order.wallet.points). */
  readonly pointsUsed: number
  /** No unit has left a warehouse: the freight paid for a service never rendered. */
  readonly nothingShipped: boolean
  /** Units refunded so far: they fix which units' amounts the next refund takes. */
  readonly refunded: UnitsByLine
  /** Units held by other open after-sales: not refunded yet, but no longer free to ask for. */
  readonly reserved?: UnitsByLine
}

export type RefundFailureCode =
  | 'EMPTY_REQUEST'
  | 'UNKNOWN_LINE'
  | 'DUPLICATE_LINE'
  | 'INVALID_QUANTITY'
  | 'QUANTITY_EXCEEDS_REMAINING'

export interface LineRefund {
  readonly lineNo: number
  readonly qty: number
  /** Index of the first unit refunded, in the line's largest-remainder unit order. */
  readonly firstUnit: number
  readonly amount: number
}

export interface RefundPlan {
  readonly currency: string
  readonly lines: readonly LineRefund[]
  /** Sum of the lines' amounts. */
  readonly items: number
  /** The order's whole freight when this refund empties an order that never shipped, else 0. */
  readonly freight: number
  readonly total: number
  /** Points to give back (see refund-points.ts for the rule). */
  readonly points: number
  /** Every unit of every line is refunded once this refund is: the original order closes. */
  readonly closesOrder: boolean
}

const count = (units: UnitsByLine | undefined, lineNo: number) => units?.[lineNo] ?? 0

function failure(
  code: RefundFailureCode,
  message: string,
  details: Record<string, unknown>,
): Failure<RefundFailureCode> {
  return { ok: false, code, message, details }
}

/** Units of a line still free to ask for: bought, minus refunded, minus held by open after-sales. */
export function remainingUnits(basis: RefundBasis, line: RefundableLine): number {
  return line.qty - count(basis.refunded, line.lineNo) - count(basis.reserved, line.lineNo)
}

/** Refuses what can never be refunded: unknown or repeated lines, bad or excessive quantities. */
export function checkRequest(
  basis: RefundBasis,
  request: readonly RequestedLine[],
): Failure<RefundFailureCode> | null {
  if (request.length === 0) return failure('EMPTY_REQUEST', 'no lines requested', {})
  const seen = new Set<number>()
  for (const { lineNo, qty } of request) {
    const line = basis.lines.find((l) => l.lineNo === lineNo)
    if (!line) return failure('UNKNOWN_LINE', `the order has no line ${lineNo}`, { lineNo })
    if (seen.has(lineNo)) return failure('DUPLICATE_LINE', `line ${lineNo} twice`, { lineNo })
    seen.add(lineNo)
    if (!Number.isSafeInteger(qty) || qty <= 0) {
      return failure('INVALID_QUANTITY', 'qty must be a positive integer', { lineNo, qty })
    }
    const remaining = remainingUnits(basis, line)
    if (qty > remaining) {
      const message = `line ${lineNo} has ${Math.max(remaining, 0)} units left to refund`
      return failure('QUANTITY_EXCEEDS_REMAINING', message, { lineNo, qty, remaining })
    }
  }
  return null
}

/** Minor units the first `units` units of a line come to (its largest-remainder unit shares). */
function unitsAmount(currency: string, line: RefundableLine, units: number, from = 0): number {
  const result = refundableAmount(
    { finalAmount: money(line.finalAmount, currency), qty: line.qty },
    units,
    from,
  )
  // checkRequest bounded every quantity, so an out-of-range result is a programming error.
  if (!result.ok) throw new RangeError(result.message)
  return result.value.amount
}

/** Minor units already refunded across the order's lines, derived from the refunded units. */
export function refundedItems(basis: RefundBasis): number {
  return basis.lines.reduce(
    (acc, line) => acc + unitsAmount(basis.currency, line, count(basis.refunded, line.lineNo)),
    0,
  )
}

/** Whether refunding `request` on top of `refunded` leaves no unit of any line unrefunded. */
export function refundsEverything(
  lines: readonly RefundableLine[],
  refunded: UnitsByLine,
  request: readonly RequestedLine[],
): boolean {
  return lines.every((line) => {
    const asked = request.find((r) => r.lineNo === line.lineNo)?.qty ?? 0
    return count(refunded, line.lineNo) + asked >= line.qty
  })
}

/**
 * What refunding `request` pays back now. Each line pays the next units' amounts of its final
 * amount by largest remainder over its units, so refunding every unit, in any number of
 * after-sales, pays back exactly the line's final amount. Compute it when the refund commits,
 * with the units refunded by then: an estimate made earlier may differ by a minor unit.
 */
export function planRefund(
  basis: RefundBasis,
  request: readonly RequestedLine[],
): Result<{ readonly value: RefundPlan }, RefundFailureCode> {
  const refused = checkRequest(basis, request)
  if (refused) return refused
  const lines = request.flatMap(({ lineNo, qty }): LineRefund[] => {
    const line = basis.lines.find((l) => l.lineNo === lineNo)
    if (!line) return []
    const firstUnit = count(basis.refunded, lineNo)
    return [{ lineNo, qty, firstUnit, amount: unitsAmount(basis.currency, line, qty, firstUnit) }]
  })
  const items = lines.reduce((acc, l) => acc + l.amount, 0)
  const closesOrder = refundsEverything(basis.lines, basis.refunded, request)
  const freight = closesOrder && basis.nothingShipped ? basis.freight : 0
  const points = pointsOf(basis, request, items)
  return {
    ok: true,
    value: {
      currency: basis.currency,
      lines,
      items,
      freight,
      total: items + freight,
      points,
      closesOrder,
    },
  }
}

/** Points by money refunded, or by units when the order's final amount is 0 (refund-points.ts). */
function pointsOf(basis: RefundBasis, request: readonly RequestedLine[], items: number): number {
  const totalFinal = basis.lines.reduce((acc, l) => acc + l.finalAmount, 0)
  if (totalFinal > 0) {
    const before = refundedItems(basis)
    return pointsForRefund(basis.pointsUsed, totalFinal, before, before + items)
  }
  const totalUnits = basis.lines.reduce((acc, l) => acc + l.qty, 0)
  const before = basis.lines.reduce((acc, l) => acc + count(basis.refunded, l.lineNo), 0)
  const asked = request.reduce((acc, r) => acc + r.qty, 0)
  return pointsForRefund(basis.pointsUsed, totalUnits, before, before + asked)
}
