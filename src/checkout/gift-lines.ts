import { takeHoldings } from '../../durable-objects/stock/client'
import type { GiftOutcome, GiftStatus } from '../domain/gift-outcome'
import type { StockLine, StockLinePlan, StockWarehouse } from '../domain/order'
import type { Draft } from '../domain/order-draft'
import { giftFits, giftHolderId, giftLine, giftLineNo, withGiftLines } from '../domain/order-gifts'
import type { GiftGrant } from '../domain/pricing/gifts'
import type { Env } from '../env'
import { knownSoldOut, markSoldOut } from '../http/sold-out-hint'
import { cachedSkus } from '../store/catalog-cache'
import { stockPlansFor } from '../store/inventory'

export interface GiftsInput {
  readonly orderId: string
  readonly userId: string
  /** The draft as reserved: bought lines only. */
  readonly draft: Draft
  readonly grants: readonly GiftGrant[]
  readonly region: string
  /** Whether the submission ships as several packages (child orders). */
  readonly split: boolean
  readonly now: number
}

/** The draft with the gifts that could be had, their stock, and what became of each. */
export interface PlacedGifts {
  readonly draft: Draft
  readonly stock: readonly StockLine[]
  readonly gifts: readonly GiftOutcome[]
}

const outcome = (g: GiftGrant, status: GiftStatus, lineNo: number | null): GiftOutcome => ({
  skuId: g.skuId,
  qty: g.qty,
  promotionIds: [...g.promotionIds],
  status,
  lineNo,
})

/**
 * Reserves a gift at the first warehouse serving the address that has the units, held apart
 * from the order's own lines. A gift is never worth refusing an order over: any refusal, or a
 * bucket that fails, leaves it out.
 */
async function reserveGift(
  env: Env,
  input: GiftsInput,
  plan: StockLinePlan,
): Promise<StockLine | null> {
  const open = (w: StockWarehouse) => !knownSoldOut(plan.skuId, w.warehouseId, input.now)
  for (const warehouse of plan.warehouses.filter(open)) {
    const holding = { plan, warehouse, holderId: giftHolderId(input.orderId) }
    const taken = await takeHoldings(env.STOCK_ACTOR, input.userId, [holding], input.now)
    if (taken.ok) return taken.stock[0] ?? null
    if (taken.failure.code === 'SOLD_OUT') {
      markSoldOut(plan.skuId, warehouse.warehouseId, input.now)
    }
  }
  return null
}

/**
 * The gift lines a placement adds after its bought lines are reserved. A gift is reserved at
 * placement whatever its SKU's deduction policy, and counts against no per-buyer limit: it is
 * given, not bought. Gifts are tried one after another, so line numbers follow cart order.
 */
export async function placeGifts(env: Env, input: GiftsInput): Promise<PlacedGifts> {
  const { grants, draft } = input
  if (grants.length === 0) return { draft, stock: [], gifts: [] }
  if (input.split) {
    return { draft, stock: [], gifts: grants.map((g) => outcome(g, 'not_with_split', null)) }
  }
  const ids = grants.map((g) => g.skuId)
  const [skus, plans] = await Promise.all([
    cachedSkus(env.DB, ids, input.now),
    stockPlansFor(env.DB, ids, input.region, input.now),
  ])
  const lines = []
  const stock: StockLine[] = []
  const gifts: GiftOutcome[] = []
  for (const grant of grants) {
    const sku = skus.get(grant.skuId)
    if (!giftFits(sku, draft)) {
      gifts.push(outcome(grant, 'unavailable', null))
      continue
    }
    const lineNo = giftLineNo(draft, lines.length)
    const warehouses = plans.get(grant.skuId)?.warehouses ?? []
    const plan = { lineNo, skuId: grant.skuId, qty: grant.qty, warehouses }
    const held = await reserveGift(env, input, { ...plan, policy: 'on_place', perBuyerLimit: null })
    if (!held) {
      gifts.push(outcome(grant, 'out_of_stock', null))
      continue
    }
    lines.push(giftLine(sku, grant, lineNo))
    stock.push(held)
    gifts.push(outcome(grant, 'added', lineNo))
  }
  return { draft: withGiftLines(draft, lines), stock, gifts }
}
