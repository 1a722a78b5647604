import { waitUntil } from 'cloudflare:workers'
import {
  type DeductionPolicy,
  type StockPlan,
  type WarehouseRegion,
  warehousesFor,
} from '../domain/stock/warehouse-choice'
import { createSharedCache, keepAliveWith } from './shared-cache'

/** D1 access to inventory configuration (migrations/0003): warehouses, regions, SKU stocking. */

export interface Warehouse {
  readonly id: string
  readonly name: string
  readonly active: boolean
  readonly regions: readonly { region: string; priority: number }[]
}

export interface StockPolicy {
  readonly deduction: DeductionPolicy
  readonly perBuyerLimit: number | null
}

export const DEFAULT_POLICY: StockPolicy = { deduction: 'on_place', perBuyerLimit: null }

/** Creates or replaces a warehouse and its regions in one batch. */
export async function upsertWarehouse(db: D1Database, w: Warehouse, now: number): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO warehouses (id, name, active, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, active = excluded.active,
           updated_at = excluded.updated_at`,
      )
      .bind(w.id, w.name, w.active ? 1 : 0, now),
    db.prepare('DELETE FROM warehouse_regions WHERE warehouse_id = ?').bind(w.id),
    ...w.regions.map((r) =>
      db
        .prepare('INSERT INTO warehouse_regions (warehouse_id, region, priority) VALUES (?, ?, ?)')
        .bind(w.id, r.region, r.priority),
    ),
  ])
}

/** Region rows of the active warehouses: small, and read whole by the placement cache. */
export async function activeWarehouseRegions(db: D1Database): Promise<WarehouseRegion[]> {
  const { results } = await db
    .prepare(
      `SELECT r.warehouse_id AS warehouseId, r.region, r.priority FROM warehouse_regions r
       JOIN warehouses w ON w.id = r.warehouse_id WHERE w.active = 1`,
    )
    .all<WarehouseRegion>()
  return results
}

export async function setStockPolicy(
  db: D1Database,
  skuId: string,
  policy: StockPolicy,
  now: number,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO sku_stock_policies (sku_id, deduction, per_buyer_limit, updated_at)
       VALUES (?, ?, ?, ?) ON CONFLICT (sku_id) DO UPDATE SET deduction = excluded.deduction,
         per_buyer_limit = excluded.per_buyer_limit, updated_at = excluded.updated_at`,
    )
    .bind(skuId, policy.deduction, policy.perBuyerLimit, now)
    .run()
}

/**
 * Stocks a SKU in a warehouse over `buckets` actors, or grows its bucket count. Returns the
 * count now in force: less than asked means a refused shrink, 0 an unknown warehouse.
 */
export async function setSkuBuckets(
  db: D1Database,
  skuId: string,
  warehouseId: string,
  buckets: number,
  now: number,
): Promise<number> {
  const [, read] = await db.batch<{ buckets: number }>([
    db
      .prepare(
        `INSERT INTO sku_warehouses (sku_id, warehouse_id, buckets, updated_at)
         SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM warehouses WHERE id = ?2)
         ON CONFLICT (sku_id, warehouse_id) DO UPDATE SET buckets = excluded.buckets,
           updated_at = excluded.updated_at WHERE excluded.buckets >= sku_warehouses.buckets`,
      )
      .bind(skuId, warehouseId, buckets, now),
    db
      .prepare('SELECT buckets FROM sku_warehouses WHERE sku_id = ? AND warehouse_id = ?')
      .bind(skuId, warehouseId),
  ])
  return read?.results[0]?.buckets ?? 0
}

export async function findSkuBuckets(
  db: D1Database,
  skuId: string,
  warehouseId: string,
): Promise<number | null> {
  const row = await db
    .prepare('SELECT buckets FROM sku_warehouses WHERE sku_id = ? AND warehouse_id = ?')
    .bind(skuId, warehouseId)
    .first<{ buckets: number }>()
  return row?.buckets ?? null
}

type PlanRow = {
  sku_id: string
  deduction: DeductionPolicy | null
  per_buyer_limit: number | null
  warehouse_id: string | null
  buckets: number | null
}

/** Policy and stocked active warehouses (not yet ordered by region) of each SKU asked for. */
export async function findStockPlans(
  db: D1Database,
  skuIds: readonly string[],
): Promise<Map<string, StockPlan>> {
  if (skuIds.length === 0) return new Map()
  const marks = skuIds.map(() => '?').join(', ')
  const { results } = await db
    .prepare(
      `SELECT s.id AS sku_id, p.deduction, p.per_buyer_limit, sw.warehouse_id, sw.buckets
       FROM skus s
       LEFT JOIN sku_stock_policies p ON p.sku_id = s.id
       LEFT JOIN sku_warehouses sw ON sw.sku_id = s.id
         AND sw.warehouse_id IN (SELECT id FROM warehouses WHERE active = 1)
       WHERE s.id IN (${marks}) ORDER BY s.id, sw.warehouse_id`,
    )
    .bind(...skuIds)
    .all<PlanRow>()
  const plans = new Map<string, StockPlan>()
  for (const r of results) {
    const plan = plans.get(r.sku_id) ?? {
      skuId: r.sku_id,
      deduction: r.deduction ?? DEFAULT_POLICY.deduction,
      perBuyerLimit: r.per_buyer_limit,
      warehouses: [],
    }
    const warehouses =
      r.warehouse_id === null || r.buckets === null
        ? plan.warehouses
        : [...plan.warehouses, { warehouseId: r.warehouse_id, buckets: r.buckets }]
    plans.set(r.sku_id, { ...plan, warehouses })
  }
  return plans
}

// Placement reads these for every order: keep them in isolate memory briefly so a flash sale
// does not turn into D1 traffic: D1 is one database and stays off the hot path. Concurrent misses
// share one load, and an expired entry is served while one refresh runs.
const ttlMs = 10_000
const options = { ttlMs, staleMs: ttlMs, keepAlive: keepAliveWith(waitUntil) }
const planCache = createSharedCache<string, StockPlan | null>(options)
const regionCache = createSharedCache<'regions', WarehouseRegion[]>(options)

async function loadPlans(db: D1Database, ids: readonly string[]) {
  const found = await findStockPlans(db, ids)
  return new Map(ids.map((id) => [id, found.get(id) ?? null]))
}

/** Each SKU's plan with its warehouses in the order to try for `region`; unknown SKUs absent. */
export async function stockPlansFor(
  db: D1Database,
  skuIds: readonly string[],
  region: string,
  now: number = Date.now(),
): Promise<Map<string, StockPlan>> {
  const [cached, regions] = await Promise.all([
    planCache.getMany(skuIds, (missing) => loadPlans(db, missing), now),
    regionCache.get('regions', () => activeWarehouseRegions(db), now),
  ])
  const plans = new Map<string, StockPlan>()
  for (const id of skuIds) {
    const plan = cached.get(id)
    if (!plan) continue
    plans.set(id, { ...plan, warehouses: warehousesFor(region, regions, plan.warehouses) })
  }
  return plans
}

/** Admin writes evict at once in this isolate; others see them within the TTL. */
export function evictStockPlans(skuId?: string): void {
  planCache.evict(skuId)
  regionCache.evict()
}
