import type { OrderLine } from '../order'
import type { AfterSale } from './record'

/**
 * The lines of an exchange's replacement order: the same SKUs and quantities as the returned
 * units, worth nothing: a zero-value order that follows the normal flow.
 * The money stays on the original order's lines, so every amount here is 0 and a later return of
 * the replacement is refunded against the original.
 */
export function replacementLines(
  originalLines: readonly OrderLine[],
  afterSale: Pick<AfterSale, 'type' | 'lines'>,
): OrderLine[] {
  if (afterSale.type !== 'exchange') return []
  return afterSale.lines.flatMap((asked, i): OrderLine[] => {
    const line = originalLines.find((l) => l.lineNo === asked.lineNo)
    if (!line) return []
    return [
      {
        ...line,
        lineNo: i + 1,
        qty: asked.qty,
        unitPrice: 0,
        amount: 0,
        memberDiscount: 0,
        storeDiscount: 0,
        platformDiscount: 0,
        couponDiscount: 0,
        pointsDiscount: 0,
        finalAmount: 0,
      },
    ]
  })
}
