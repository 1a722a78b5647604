import type { OrderLine } from '../order'
import { attributesOf, type OrderAttributes } from '../order-attributes'
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

/**
 * What the replacement keeps of the original's attributes: the channel it came through and the
 * way it reaches the buyer (a store pickup stays a store pickup). No invoice: it costs nothing.
 */
export function replacementAttributes(order: {
  readonly attributes?: OrderAttributes
}): OrderAttributes {
  const { channel, delivery } = attributesOf(order)
  return { channel, delivery, invoice: null }
}
