import type { Money } from '../money'
import type { PartialCancel } from './record'
import { cancelledAmounts, cancelledUnits, type WithCancels } from './units'

const m = (amount: number, currency: string): Money => ({ amount, currency })

/** What a line shows of its cancelled units: how many, and what they refunded. */
export function lineCancelView(order: WithCancels, lineNo: number, currency: string) {
  return {
    cancelledQty: cancelledUnits(order)[lineNo] ?? 0,
    cancelledAmount: m(cancelledAmounts(order)[lineNo] ?? 0, currency),
  }
}

function oneView(pc: PartialCancel, currency: string) {
  return {
    id: pc.id,
    lines: pc.lines.map((l) => ({ lineNo: l.lineNo, qty: l.qty, amount: m(l.amount, currency) })),
    refund: {
      items: m(pc.items, currency),
      freight: m(pc.freight, currency),
      total: m(pc.total, currency),
      points: pc.points,
    },
    reason: pc.reason,
    by: { role: pc.by.role, id: pc.by.id },
    at: new Date(pc.at).toISOString(),
  }
}

/** The order's partial cancels as the API shows them, oldest first. */
export function partialCancelsView(order: WithCancels, currency: string) {
  return (order.partialCancels ?? []).map((pc) => oneView(pc, currency))
}

/** Event payload of a partial cancel: what D1's history keeps of it. */
export function partialCancelPayload(pc: PartialCancel) {
  return {
    partialCancelId: pc.id,
    lines: pc.lines.map((l) => ({ lineNo: l.lineNo, qty: l.qty, amount: l.amount })),
    refund: pc.total,
    points: pc.points,
    reason: pc.reason,
  }
}
