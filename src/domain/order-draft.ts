import type { CatalogSku } from './catalog'
import { money, multiply } from './money'
import type { OrderAmounts, OrderLine, PresaleTerms } from './order'
import type { OrderType } from './process/order-types'

export interface CartLine {
  readonly skuId: string
  readonly qty: number
}

export interface Draft {
  readonly type: OrderType
  readonly currency: string
  readonly storeIds: readonly string[]
  readonly lines: readonly OrderLine[]
  readonly amounts: OrderAmounts
  readonly presale: PresaleTerms | null
}

export type DraftFailureCode =
  | 'SKU_NOT_FOUND'
  | 'SKU_NOT_ON_SALE'
  | 'MIXED_CURRENCIES'
  | 'MIXED_ORDER_TYPES'

export type DraftResult =
  | ({ readonly ok: true } & Draft)
  | {
      readonly ok: false
      readonly code: DraftFailureCode
      readonly message: string
      readonly details: Record<string, unknown>
    }

export function lineFrom(sku: CatalogSku, qty: number, lineNo: number): OrderLine {
  const amount = multiply(money(sku.priceAmount, sku.currency), qty).amount
  return {
    lineNo,
    skuId: sku.id,
    storeId: sku.storeId,
    title: sku.title,
    categoryId: sku.categoryId,
    qty,
    unitPrice: sku.priceAmount,
    amount,
    memberDiscount: 0,
    storeDiscount: 0,
    platformDiscount: 0,
    couponDiscount: 0,
    pointsDiscount: 0,
    finalAmount: amount,
    weightGrams: sku.weightGrams,
    volumeCm3: sku.volumeCm3,
    fragile: sku.fragile,
    oversized: sku.oversized,
    crossBorder: sku.crossBorder,
    shipsAt: sku.shipsAt,
    skuVersion: sku.version,
    orderType: sku.orderType,
  }
}

/**
 * Physical and virtual goods may share a cart: it splits by order type into children of their own
 * type, paid together. A presale ships on its own terms (deposit, balance window) and is ordered
 * apart.
 */
function cartType(skus: readonly CatalogSku[]): OrderType | null {
  const types = new Set(skus.map((s) => s.orderType))
  if (types.size === 1) return skus[0]?.orderType ?? null
  return types.has('presale') ? null : 'physical'
}

function refuse(code: DraftFailureCode, message: string, details: Record<string, unknown>) {
  return { ok: false as const, code, message, details }
}

/** Prices a cart at catalog prices and checks it can be one order; discounts come later. */
export function draftOrder(
  cart: readonly CartLine[],
  skus: ReadonlyMap<string, CatalogSku>,
  now: number,
): DraftResult {
  const lines: OrderLine[] = []
  for (const [i, item] of cart.entries()) {
    const sku = skus.get(item.skuId)
    const at = { field: `lines.${i}.skuId`, skuId: item.skuId }
    if (!sku) return refuse('SKU_NOT_FOUND', `lines.${i}.skuId: no SKU ${item.skuId}`, at)
    if (!sku.onSale)
      return refuse('SKU_NOT_ON_SALE', `lines.${i}.skuId: ${sku.id} is not on sale`, at)
    lines.push(lineFrom(sku, item.qty, i + 1))
  }
  const first = skus.get(cart[0]?.skuId ?? '') as CatalogSku
  const all = cart.map((c) => skus.get(c.skuId) as CatalogSku)
  if (all.some((s) => s.currency !== first.currency)) {
    return refuse('MIXED_CURRENCIES', 'lines: every SKU of an order must share one currency', {})
  }
  const type = cartType(all)
  if (!type) {
    return refuse('MIXED_ORDER_TYPES', 'lines: presale SKUs are ordered apart from others', {})
  }
  const items = lines.reduce((acc, line) => acc + line.amount, 0)
  const amounts: OrderAmounts = {
    items,
    memberDiscount: 0,
    storeDiscount: 0,
    platformDiscount: 0,
    couponDiscount: 0,
    pointsDiscount: 0,
    freight: 0,
    payable: items,
    paid: 0,
  }
  return {
    ok: true,
    type,
    currency: first.currency,
    storeIds: [...new Set(lines.map((l) => l.storeId))].sort(),
    lines,
    amounts,
    presale: type === 'presale' ? presaleTerms(all, cart, items, now) : null,
  }
}

function presaleTerms(
  skus: readonly CatalogSku[],
  cart: readonly CartLine[],
  payable: number,
  now: number,
): PresaleTerms {
  const deposit = skus.reduce(
    (acc, sku, i) => acc + (sku.presaleDepositAmount ?? 0) * (cart[i]?.qty ?? 0),
    0,
  )
  const depositAmount = Math.min(deposit, payable)
  const starts = skus.map((s) => s.presaleBalanceStartsAt ?? now)
  return {
    depositAmount,
    balanceAmount: payable - depositAmount,
    balanceStartsAt: Math.max(...starts),
  }
}

/** A line's price as the pricing engine allocated it, named like the order's line fields. */
export interface PricedLineAmounts {
  readonly lineNo: number
  readonly memberDiscount: number
  readonly storeDiscount: number
  readonly platformDiscount: number
  readonly couponDiscount: number
  readonly pointsDiscount: number
  readonly finalAmount: number
}

export interface PricedTotals {
  readonly items: number
  readonly memberDiscount: number
  readonly storeDiscount: number
  readonly platformDiscount: number
  readonly couponDiscount: number
  readonly pointsDiscount: number
  readonly freight: number
  readonly payable: number
}

/**
 * The draft with the quote's layered discounts laid on its lines. The order keeps each layer per
 * line, so a refund of a line pays back exactly its final amount.
 */
export function applyPricing(
  draft: Draft,
  lines: readonly PricedLineAmounts[],
  totals: PricedTotals,
): Draft {
  const byLine = new Map(lines.map((l) => [l.lineNo, l]))
  const priced = draft.lines.map((line) => {
    const p = byLine.get(line.lineNo)
    if (!p) throw new RangeError(`no price for line ${line.lineNo}`)
    const { lineNo: _lineNo, ...layers } = p
    return { ...line, ...layers }
  })
  const amounts: OrderAmounts = { ...totals, paid: 0 }
  const presale = draft.presale && {
    ...draft.presale,
    depositAmount: Math.min(draft.presale.depositAmount, totals.payable),
    balanceAmount: totals.payable - Math.min(draft.presale.depositAmount, totals.payable),
  }
  return { ...draft, lines: priced, amounts, presale }
}
