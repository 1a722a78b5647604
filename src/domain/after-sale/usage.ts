import type { Order } from '../order'
import { addUnits, cancelledUnits } from '../partial-cancel/units'
import { afterSaleProcessFor } from '../process/registry'
import type { AfterSale } from './record'
import type { RefundBasis, UnitsByLine } from './refund-amounts'

export interface UnitsInUse {
  /** Units whose refund has committed: they fix which unit amounts come next. */
  readonly refunded: UnitsByLine
  /** Units held by open after-sales (exchanges included): not free to ask for again. */
  readonly reserved: UnitsByLine
}

function addTo(into: Record<number, number>, lineNo: number, qty: number): void {
  into[lineNo] = (into[lineNo] ?? 0) + qty
}

/**
 * Tallies an order's after-sales by line. A committed refund counts as refunded; any other
 * after-sale still open holds its units, so two requests for the same unit cannot both be taken.
 * A finished exchange frees its units again: the money is still on the original line, so the
 * replacement can later be returned against it.
 */
export function unitsInUse(afterSales: readonly AfterSale[], exceptId?: string): UnitsInUse {
  const refunded: Record<number, number> = {}
  const reserved: Record<number, number> = {}
  for (const a of afterSales) {
    if (a.id === exceptId) continue
    if (a.refund) {
      for (const l of a.refund.lines) addTo(refunded, l.lineNo, l.qty)
      continue
    }
    if (afterSaleProcessFor(a.type).terminal.includes(a.status)) continue
    for (const l of a.lines) addTo(reserved, l.lineNo, l.qty)
  }
  return { refunded, reserved }
}

/**
 * The refund basis of an order and its after-sales. `exceptId` leaves out the after-sale being
 * refunded, whose own units must not count against it.
 */
export function refundBasisOf(
  order: Pick<Order, 'currency' | 'lines' | 'amounts' | 'wallet' | 'shippedAt' | 'partialCancels'>,
  afterSales: readonly AfterSale[],
  exceptId?: string,
): RefundBasis {
  const inUse = unitsInUse(afterSales, exceptId)
  return {
    currency: order.currency,
    lines: order.lines.map((l) => ({ lineNo: l.lineNo, qty: l.qty, finalAmount: l.finalAmount })),
    freight: order.amounts.freight,
    pointsUsed: order.wallet?.points ?? 0,
    nothingShipped: order.shippedAt === null,
    // Units cancelled before shipment were refunded then: a return takes the units after them.
    refunded: addUnits(inUse.refunded, cancelledUnits(order)),
    reserved: inUse.reserved,
  }
}
