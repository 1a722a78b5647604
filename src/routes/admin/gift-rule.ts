import type { GiftRule } from '../../domain/pricing/types'
import { findSkus } from '../../store/catalog'
import { invalid } from './pricing-fields'

/**
 * A gift rule names no money, so its currency is its SKUs'. Both must exist and be sold by one
 * store (a gift never brings another merchant into an order), and a store's promotion may only
 * give on that store's SKUs.
 */
export async function giftRuleCurrency(
  db: D1Database,
  rule: GiftRule,
  storeId: string | null,
): Promise<string> {
  const skus = new Map((await findSkus(db, [rule.buySkuId, rule.giftSkuId])).map((s) => [s.id, s]))
  const buy = skus.get(rule.buySkuId)
  const gift = skus.get(rule.giftSkuId)
  if (!buy) throw invalid('rule.buySkuId', `no SKU ${rule.buySkuId}`)
  if (!gift) throw invalid('rule.giftSkuId', `no SKU ${rule.giftSkuId}`)
  if (gift.storeId !== buy.storeId) {
    throw invalid('rule.giftSkuId', `must be sold by ${buy.storeId}, the store of rule.buySkuId`)
  }
  if (storeId !== null && buy.storeId !== storeId) {
    throw invalid('rule.buySkuId', `is not sold by store ${storeId}`)
  }
  return buy.currency
}
