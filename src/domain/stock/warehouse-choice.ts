/**
 * Which warehouses may serve a line, in the order a placement tries them (the
 * warehouse that serves the shipping region first and has stock).
 */

export type DeductionPolicy = 'on_place' | 'on_pay'

/** A warehouse ships to `region` ('*': any region without its own row); lower priority first. */
export interface WarehouseRegion {
  readonly warehouseId: string
  readonly region: string
  readonly priority: number
}

/** A warehouse that stocks the SKU, over `buckets` stock actors. */
export interface StockedWarehouse {
  readonly warehouseId: string
  readonly buckets: number
}

/** Everything a placement needs to take a SKU's stock. */
export interface StockPlan {
  readonly skuId: string
  readonly deduction: DeductionPolicy
  readonly perBuyerLimit: number | null
  readonly warehouses: readonly StockedWarehouse[]
}

function rank(rows: readonly WarehouseRegion[], region: string): Map<string, number> {
  const ranked = new Map<string, number>()
  const sorted = rows
    .filter((r) => r.region === region)
    .sort((a, b) => a.priority - b.priority || a.warehouseId.localeCompare(b.warehouseId))
  for (const [i, r] of sorted.entries()) ranked.set(r.warehouseId, i)
  return ranked
}

/**
 * The stocked warehouses that ship to `region`, its own rows first by priority, then the '*'
 * fallbacks by priority; warehouses that ship neither way are left out.
 */
export function warehousesFor(
  region: string,
  regions: readonly WarehouseRegion[],
  stocked: readonly StockedWarehouse[],
): StockedWarehouse[] {
  const own = rank(regions, region)
  const fallback = rank(regions, '*')
  const key = (w: StockedWarehouse): number => {
    const mine = own.get(w.warehouseId)
    if (mine !== undefined) return mine
    const any = fallback.get(w.warehouseId)
    return any === undefined ? Number.POSITIVE_INFINITY : own.size + any
  }
  return stocked
    .filter((w) => Number.isFinite(key(w)))
    .sort((a, b) => key(a) - key(b) || a.warehouseId.localeCompare(b.warehouseId))
}
