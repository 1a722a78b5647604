import type { RequestedLine, UnitsByLine } from './after-sale/refund-amounts'
import type { OrderLine } from './order'
import { addUnits } from './partial-cancel/units'
import { giftUnitsEarned } from './pricing/gifts'

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
 * The request with the gift units it takes back. `gone` are the units already out of the buyer's
 * keeping (cancelled, refunded, held by another open request); once the request's own units are
 * gone too, a gift line keeps only what the bought units left still earn, so giving a purchase
 * back does not leave its gift with the buyer. Gift lines placed before their shares were kept
 * are left as they are.
 */
export function withGiftsTakenBack(
  lines: readonly OrderLine[],
  gone: UnitsByLine,
  requested: readonly RequestedLine[],
): RequestedLine[] {
  const out = addUnits(gone, unitsOf(requested))
  const left = (line: OrderLine) => line.qty - (out[line.lineNo] ?? 0)
  const bought = new Map(
    lines.filter((l) => l.giftOf === undefined).map((l) => [l.skuId, Math.max(left(l), 0)]),
  )
  const extra: RequestedLine[] = []
  for (const line of lines) {
    if (!line.giftEarnedBy) continue
    const earned = giftUnitsEarned(line.giftEarnedBy, (skuId) => bought.get(skuId) ?? 0)
    const lost = left(line) - earned
    if (lost > 0) extra.push({ lineNo: line.lineNo, qty: lost })
  }
  return merged(requested, extra)
}
