import type { CatalogSku } from '../domain/catalog'
import { findSkus } from './catalog'

/**
 * SKUs cached in isolate memory for a short TTL, so a flash sale's placements do not each query
 * D1 (one single-threaded database). Admin writes in this isolate evict at once; other isolates
 * see a change within the TTL. Prices are re-checked against the confirmed quote at submit.
 */
const ttlMs = 10_000
const cache = new Map<string, { sku: CatalogSku | null; at: number }>()

export async function cachedSkus(
  db: D1Database,
  ids: readonly string[],
  now: number = Date.now(),
): Promise<Map<string, CatalogSku>> {
  const found = new Map<string, CatalogSku>()
  const missing: string[] = []
  for (const id of new Set(ids)) {
    const hit = cache.get(id)
    if (hit && now - hit.at < ttlMs) {
      if (hit.sku) found.set(id, hit.sku)
    } else missing.push(id)
  }
  for (const sku of await findSkus(db, missing)) {
    cache.set(sku.id, { sku, at: now })
    found.set(sku.id, sku)
  }
  for (const id of missing) if (!found.has(id)) cache.set(id, { sku: null, at: now })
  return found
}

export function evictSku(id: string): void {
  cache.delete(id)
}
