import type { CatalogSku, CatalogStore } from '../domain/catalog'
import type { Address } from '../domain/order'
import type { OrderType } from '../domain/process/order-types'

interface SkuRow extends Record<string, unknown> {
  id: string
  store_id: string
  title: string
  category_id: string | null
  price_amount: number
  currency: string
  weight_grams: number
  volume_cm3: number
  fragile: number
  oversized: number
  on_sale: number
  order_type: string
  presale_deposit_amount: number | null
  presale_balance_starts_at: number | null
  cross_border: number
  ships_at: number | null
  version: number
}

function toSku(r: SkuRow): CatalogSku {
  return {
    id: r.id,
    storeId: r.store_id,
    title: r.title,
    categoryId: r.category_id,
    priceAmount: r.price_amount,
    currency: r.currency,
    weightGrams: r.weight_grams,
    volumeCm3: r.volume_cm3,
    fragile: r.fragile === 1,
    oversized: r.oversized === 1,
    onSale: r.on_sale === 1,
    orderType: r.order_type as OrderType,
    presaleDepositAmount: r.presale_deposit_amount,
    presaleBalanceStartsAt: r.presale_balance_starts_at,
    crossBorder: r.cross_border === 1,
    shipsAt: r.ships_at,
    version: r.version,
  }
}

export async function findSkus(db: D1Database, ids: readonly string[]): Promise<CatalogSku[]> {
  if (ids.length === 0) return []
  const marks = ids.map(() => '?').join(', ')
  const { results } = await db
    .prepare(`SELECT * FROM skus WHERE id IN (${marks})`)
    .bind(...ids)
    .all<SkuRow>()
  return results.map(toSku)
}

export async function findStore(db: D1Database, id: string): Promise<CatalogStore | null> {
  return db
    .prepare('SELECT id, name, currency FROM stores WHERE id = ?')
    .bind(id)
    .first<CatalogStore>()
}

/** The store's return address on file; null when it has none (or there is no such store). */
export async function findReturnAddress(db: D1Database, storeId: string): Promise<Address | null> {
  const row = await db
    .prepare('SELECT return_address FROM stores WHERE id = ?')
    .bind(storeId)
    .first<{ return_address: string | null }>()
  return row?.return_address ? (JSON.parse(row.return_address) as Address) : null
}

/**
 * Creates or updates a store; false (nothing written) when the currency would change while the
 * store still has SKUs priced in another one. One batch (one transaction), so no SKU slips in
 * between the check and the write. Absent, the return address is cleared, as a PUT replaces.
 */
export async function upsertStore(
  db: D1Database,
  store: CatalogStore,
  now: number,
): Promise<boolean> {
  const returnAddress = store.returnAddress ? JSON.stringify(store.returnAddress) : null
  const [, after] = await db.batch<{ currency: string }>([
    db
      .prepare(
        'INSERT INTO stores (id, name, currency, return_address, created_at, updated_at) ' +
          'VALUES (?1, ?2, ?3, ?5, ?4, ?4) ON CONFLICT (id) DO UPDATE SET name = excluded.name, ' +
          'currency = excluded.currency, return_address = excluded.return_address, ' +
          'updated_at = excluded.updated_at WHERE stores.currency = excluded.currency OR NOT EXISTS ' +
          '(SELECT 1 FROM skus WHERE skus.store_id = stores.id AND skus.currency != excluded.currency)',
      )
      .bind(store.id, store.name, store.currency, now, returnAddress),
    db.prepare('SELECT currency FROM stores WHERE id = ?').bind(store.id),
  ])
  return after?.results[0]?.currency === store.currency
}

export type SkuFields = Omit<CatalogSku, 'id' | 'version'>

/** Creates a SKU; false when the id is taken. */
export async function insertSku(
  db: D1Database,
  id: string,
  f: SkuFields,
  now: number,
): Promise<boolean> {
  const res = await db
    .prepare(
      `INSERT OR IGNORE INTO skus (id, store_id, title, category_id, price_amount, currency,
        weight_grams, volume_cm3, fragile, oversized, on_sale, order_type, presale_deposit_amount,
        presale_balance_starts_at, cross_border, ships_at, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    )
    .bind(
      id,
      f.storeId,
      f.title,
      f.categoryId,
      f.priceAmount,
      f.currency,
      f.weightGrams,
      f.volumeCm3,
      f.fragile ? 1 : 0,
      f.oversized ? 1 : 0,
      f.onSale ? 1 : 0,
      f.orderType,
      f.presaleDepositAmount,
      f.presaleBalanceStartsAt,
      f.crossBorder ? 1 : 0,
      f.shipsAt,
      now,
      now,
    )
    .run()
  return res.meta.changes === 1
}

/** Replaces a SKU's fields and bumps its version; false when there is no such SKU. */
export async function updateSku(
  db: D1Database,
  id: string,
  f: SkuFields,
  now: number,
): Promise<boolean> {
  const res = await db
    .prepare(
      `UPDATE skus SET store_id = ?, title = ?, category_id = ?, price_amount = ?, currency = ?,
        weight_grams = ?, volume_cm3 = ?, fragile = ?, oversized = ?, on_sale = ?, order_type = ?,
        presale_deposit_amount = ?, presale_balance_starts_at = ?, cross_border = ?, ships_at = ?,
        version = version + 1, updated_at = ? WHERE id = ?`,
    )
    .bind(
      f.storeId,
      f.title,
      f.categoryId,
      f.priceAmount,
      f.currency,
      f.weightGrams,
      f.volumeCm3,
      f.fragile ? 1 : 0,
      f.oversized ? 1 : 0,
      f.onSale ? 1 : 0,
      f.orderType,
      f.presaleDepositAmount,
      f.presaleBalanceStartsAt,
      f.crossBorder ? 1 : 0,
      f.shipsAt,
      now,
      id,
    )
    .run()
  return res.meta.changes === 1
}
