import type { OrderLine, StockLinePlan } from '../domain/order'
import { AppError } from '../errors'
import { findStockPlans, stockPlansFor } from '../store/inventory'

/**
 * Each line's deduction policy and the warehouses to try for the ship-to region, in order. A
 * line no warehouse can ship to the region is refused here, before anything is reserved.
 */
export async function stockPlanOf(
  db: D1Database,
  lines: readonly Pick<OrderLine, 'lineNo' | 'skuId' | 'qty'>[],
  region: string,
  now: number,
): Promise<StockLinePlan[]> {
  const plans = await stockPlansFor(
    db,
    lines.map((l) => l.skuId),
    region,
    now,
  )
  const out: StockLinePlan[] = []
  for (const [i, line] of lines.entries()) {
    const plan = plans.get(line.skuId)
    if (!plan || plan.warehouses.length === 0) await refuseUnserved(db, line.skuId, region, i)
    out.push({
      lineNo: line.lineNo,
      skuId: line.skuId,
      qty: line.qty,
      policy: plan?.deduction ?? 'on_place',
      perBuyerLimit: plan?.perBuyerLimit ?? null,
      warehouses: plan?.warehouses ?? [],
    })
  }
  return out
}

async function refuseUnserved(db: D1Database, skuId: string, region: string, i: number) {
  const stocked = (await findStockPlans(db, [skuId])).get(skuId)?.warehouses.length ?? 0
  const details = { field: `lines.${i}.skuId`, skuId, region }
  if (stocked === 0)
    throw new AppError('SOLD_OUT', `lines.${i}.skuId: ${skuId} is not stocked`, details)
  throw new AppError(
    'ADDRESS_OUT_OF_REGION',
    `address.region: no warehouse stocking ${skuId} ships to ${region}`,
    details,
  )
}
