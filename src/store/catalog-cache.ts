import { waitUntil } from 'cloudflare:workers'
import type { CatalogSku } from '../domain/catalog'
import { findSkus } from './catalog'
import { createSharedCache, keepAliveWith } from './shared-cache'

/**
 * SKUs cached in isolate memory for a short TTL, so a flash sale's placements do not each query
 * D1 (one single-threaded database): concurrent misses share one query, and an expired SKU is
 * served once more while one refresh runs. Admin writes in this isolate evict at once; other
 * isolates see a change within twice the TTL. Prices are re-checked against the confirmed quote
 * at submit.
 */
const ttlMs = 10_000
const cache = createSharedCache<string, CatalogSku | null>({
  ttlMs,
  staleMs: ttlMs,
  keepAlive: keepAliveWith(waitUntil),
})

async function loadSkus(db: D1Database, ids: readonly string[]) {
  const rows = await findSkus(db, [...ids])
  const byId = new Map<string, CatalogSku | null>(ids.map((id) => [id, null]))
  for (const sku of rows) byId.set(sku.id, sku)
  return byId
}

export async function cachedSkus(
  db: D1Database,
  ids: readonly string[],
  now: number = Date.now(),
): Promise<Map<string, CatalogSku>> {
  const found = await cache.getMany(ids, (missing) => loadSkus(db, missing), now)
  const skus = new Map<string, CatalogSku>()
  for (const [id, sku] of found) if (sku) skus.set(id, sku)
  return skus
}

export function evictSku(id: string): void {
  cache.evict(id)
}
