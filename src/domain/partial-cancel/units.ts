import type { UnitsByLine } from '../after-sale/refund-amounts'
import type { PartialCancel } from './record'

/** What the unit tallies need of an order: its partial cancels, absent on orders without one. */
export interface WithCancels {
  readonly partialCancels?: readonly PartialCancel[]
}

/** Units cancelled so far, per line. */
export function cancelledUnits(order: WithCancels): UnitsByLine {
  const out: Record<number, number> = {}
  for (const pc of order.partialCancels ?? []) {
    for (const l of pc.lines) out[l.lineNo] = (out[l.lineNo] ?? 0) + l.qty
  }
  return out
}

/** Minor units refunded per line by partial cancels. */
export function cancelledAmounts(order: WithCancels): UnitsByLine {
  const out: Record<number, number> = {}
  for (const pc of order.partialCancels ?? []) {
    for (const l of pc.lines) out[l.lineNo] = (out[l.lineNo] ?? 0) + l.amount
  }
  return out
}

/** Two unit tallies added: refunded units and cancelled units both fix the next unit amounts. */
export function addUnits(a: UnitsByLine, b: UnitsByLine): UnitsByLine {
  const out: Record<number, number> = { ...a }
  for (const [lineNo, qty] of Object.entries(b)) {
    const n = Number(lineNo)
    out[n] = (out[n] ?? 0) + qty
  }
  return out
}

/** Units of a line still to ship: placed minus cancelled. */
export function unitsLeft(order: WithCancels, line: { lineNo: number; qty: number }): number {
  return line.qty - (cancelledUnits(order)[line.lineNo] ?? 0)
}
