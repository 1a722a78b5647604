import type { z } from '@hono/zod-openapi'
import type { CatalogSku } from '../../domain/catalog'
import { AppError } from '../../errors'
import { findSkus } from '../../store/catalog'
import type { SkuSchema } from '../schemas/sku'

/** The catalog's SKU as the API shows it: money as Money, times as ISO strings. */
export function skuView(s: CatalogSku): z.infer<typeof SkuSchema> {
  return {
    id: s.id,
    storeId: s.storeId,
    title: s.title,
    categoryId: s.categoryId,
    price: { amount: s.priceAmount, currency: s.currency },
    weightGrams: s.weightGrams,
    volumeCm3: s.volumeCm3,
    fragile: s.fragile,
    oversized: s.oversized,
    onSale: s.onSale,
    orderType: s.orderType,
    presaleDeposit:
      s.presaleDepositAmount === null
        ? null
        : { amount: s.presaleDepositAmount, currency: s.currency },
    presaleBalanceStartsAt:
      s.presaleBalanceStartsAt === null ? null : new Date(s.presaleBalanceStartsAt).toISOString(),
    crossBorder: s.crossBorder,
    shipsAt: s.shipsAt === null ? null : new Date(s.shipsAt).toISOString(),
    version: s.version,
  }
}

/** A SKU by id, or the API's 404. */
export async function loadSku(db: D1Database, id: string): Promise<CatalogSku> {
  const [sku] = await findSkus(db, [id])
  if (!sku) throw new AppError('NOT_FOUND', `no SKU ${id}`)
  return sku
}
