/**
 * added: on the order as a line at price 0, its stock reserved with the order's.
 * out_of_stock: no warehouse serving the address had the units; the order went on without it.
 * unavailable: the gift SKU is gone, off sale, or cannot ship with this order (another currency,
 * order type or store).
 * not_with_split: the cart ships as several packages; gifts ride only on single-package orders.
 */
export const giftStatuses = ['added', 'out_of_stock', 'unavailable', 'not_with_split'] as const
export type GiftStatus = (typeof giftStatuses)[number]

/** What became of one gift the cart earned. */
export interface GiftOutcome {
  readonly skuId: string
  readonly qty: number
  readonly promotionIds: readonly string[]
  readonly status: GiftStatus
  /** The gift's line on the order, when added. */
  readonly lineNo: number | null
}
