import type { CatalogSku } from './catalog'
import type { OrderLine } from './order'
import { type Draft, lineFrom } from './order-draft'
import type { GiftGrant } from './pricing/gifts'

/**
 * Whether the gift SKU can ride on this order at all, before any stock is asked for. It must be
 * on sale in the order's currency and type, and sold by a store the order already buys from, so
 * a gift never brings a new store (and a new merchant) into an order.
 */
export function giftFits(sku: CatalogSku | undefined, draft: Draft): sku is CatalogSku {
  if (!sku?.onSale) return false
  const fitting = [
    sku.currency === draft.currency,
    sku.orderType === draft.type,
    draft.storeIds.includes(sku.storeId),
  ]
  return fitting.every(Boolean)
}

/** The gift as an order line: the SKU's data copied like any line, every amount 0. */
export function giftLine(sku: CatalogSku, grant: GiftGrant, lineNo: number): OrderLine {
  return {
    ...lineFrom(sku, grant.qty, lineNo),
    unitPrice: 0,
    amount: 0,
    finalAmount: 0,
    giftOf: [...grant.promotionIds],
    giftEarnedBy: grant.earnedBy.map((share) => ({ ...share })),
  }
}

/** The draft with its gift lines after the bought ones; its money is unchanged, since gifts are 0. */
export function withGiftLines(draft: Draft, gifts: readonly OrderLine[]): Draft {
  return gifts.length === 0 ? draft : { ...draft, lines: [...draft.lines, ...gifts] }
}

/** Gift line numbers follow the bought lines. */
export function giftLineNo(draft: Draft, index: number): number {
  return draft.lines.length + index + 1
}

/**
 * Who holds a gift's stock reservation: not the order itself, since a bucket keeps one
 * reservation per holder and the gift may be the SKU of a bought line. Released, committed and
 * confirmed with the order's lines, since each stock line names its holder.
 */
export function giftHolderId(orderId: string): string {
  return `${orderId}-gift`
}
