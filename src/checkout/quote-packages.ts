import { splitConfigFrom } from '../config'
import type { CatalogSku } from '../domain/catalog'
import { applyPricing, type CartLine, draftOrder } from '../domain/order-draft'
import { splitSubmission } from '../domain/split-submission'
import type { Env } from '../env'
import { stockPlansFor } from '../store/inventory'
import type { PricedOrder } from './priced-lines'

/**
 * The packages a quoted cart would split into, with each line at the first warehouse that serves
 * the region. Placement checks live availability, so a warehouse out of stock by then may ship
 * a line from the next one instead.
 */
export async function quotePackages(
  env: Env,
  input: { lines: readonly CartLine[]; region: string },
  skus: ReadonlyMap<string, CatalogSku>,
  priced: PricedOrder,
  now: number,
) {
  const draft = draftOrder(input.lines, skus, now)
  if (!draft.ok) return []
  const lines = applyPricing(draft, priced.lines, priced.amounts).lines
  const plans = await stockPlansFor(
    env.DB,
    lines.map((l) => l.skuId),
    input.region,
    now,
  )
  const located = lines.map((l) => ({
    ...l,
    warehouseId: plans.get(l.skuId)?.warehouses[0]?.warehouseId ?? '',
  }))
  const money = (amount: number) => ({ amount, currency: priced.currency })
  return splitSubmission(located, priced.freightByStore, splitConfigFrom(env), now).map((p) => ({
    index: p.index,
    storeId: p.storeId,
    warehouseId: p.warehouseId,
    lines: p.lines.map((l) => ({ lineNo: l.sourceLineNo, qty: l.qty })),
    freight: money(p.totals.freight),
    payable: money(p.totals.payable),
    reasons: [...p.reasons],
  }))
}
