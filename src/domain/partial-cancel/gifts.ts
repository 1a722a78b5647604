import type { RequestedLine, UnitsByLine } from '../after-sale/refund-amounts'
import type { OrderLine } from '../order'
import { giftUnitsEarned } from '../pricing/gifts'
import { addUnits, cancelledUnits, type WithCancels } from './units'

function unitsOf(lines: readonly RequestedLine[]): UnitsByLine {
  const out: Record<number, number> = {}
  for (const l of lines) out[l.lineNo] = (out[l.lineNo] ?? 0) + l.qty
  return out
}

function merged(requested: readonly RequestedLine[], extra: readonly RequestedLine[]) {
  const out = requested.map((l) => ({ ...l }))
  for (const add of extra) {
    const known = out.find((l) => l.lineNo === add.lineNo)
    if (known) known.qty += add.qty
    else out.push({ ...add })
  }
  return out
}

/**
 * The request with the gift units it takes back: a gift line keeps only what the bought units
 * left after this cancel still earn, so cancelling a purchase does not leave its gift to ship.
 * Gift lines placed before their shares were kept are left as they are.
 */
export function withGiftsTakenBack(
  order: WithCancels & { readonly lines: readonly OrderLine[] },
  requested: readonly RequestedLine[],
): RequestedLine[] {
  const gone = addUnits(cancelledUnits(order), unitsOf(requested))
  const left = (line: OrderLine) => line.qty - (gone[line.lineNo] ?? 0)
  const bought = new Map(
    order.lines.filter((l) => l.giftOf === undefined).map((l) => [l.skuId, Math.max(left(l), 0)]),
  )
  const extra: RequestedLine[] = []
  for (const line of order.lines) {
    if (!line.giftEarnedBy) continue
    const earned = giftUnitsEarned(line.giftEarnedBy, (skuId) => bought.get(skuId) ?? 0)
    const lost = left(line) - earned
    if (lost > 0) extra.push({ lineNo: line.lineNo, qty: lost })
  }
  return merged(requested, extra)
}
