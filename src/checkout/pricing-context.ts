import type { WalletSnapshot } from '../../durable-objects/wallet/client'
import type { CatalogSku } from '../domain/catalog'
import { money } from '../domain/money'
import { quoteFreight } from '../domain/pricing/freight'
import type {
  Cart,
  CouponSelection,
  FreightTemplate,
  PricingContext,
  Promotion,
} from '../domain/pricing/types'
import { type Failure, fail } from '../errors'
import type { PricingRules } from '../store/pricing-cache'
import type { EngineWallet } from './wallet-coupons'

export interface CheckoutLine {
  readonly skuId: string
  readonly qty: number
  /** The shipping warehouse, when placement has chosen one and freight is priced per warehouse. */
  readonly warehouseId?: string
}

/** The engine's cart: lines numbered from 1 in cart order. SKUs were checked to exist. */
export function cartOf(
  lines: readonly CheckoutLine[],
  skus: ReadonlyMap<string, CatalogSku>,
): Cart {
  return {
    lines: lines.flatMap((line, i) => {
      const sku = skus.get(line.skuId)
      if (!sku) return []
      return [
        {
          lineNo: i + 1,
          skuId: sku.id,
          storeId: sku.storeId,
          // The engine matches categories by id; an uncategorized SKU matches no category scope.
          categoryId: sku.categoryId ?? '',
          unitPrice: money(sku.priceAmount, sku.currency),
          qty: line.qty,
          weightGrams: sku.weightGrams,
          ...(line.warehouseId === undefined ? {} : { warehouseId: line.warehouseId }),
        },
      ]
    }),
  }
}

/** ADDRESS_OUT_OF_REGION when a store's freight template has no rule for the region. */
export function regionRefusal(
  cart: Cart,
  templates: readonly FreightTemplate[],
  regionCode: string,
): Failure | null {
  const amounts = cart.lines.map(() => 0)
  const priced = quoteFreight({ lines: cart.lines, amounts, templates, regionCode })
  // A charge out of range is the quote's to refuse, with the real amounts.
  if (priced.ok || priced.code !== 'REGION_NOT_SERVED') return null
  const storeId = String(priced.details.storeId ?? '')
  const message = `address.region: store ${storeId} does not ship to ${regionCode}`
  return fail('ADDRESS_OUT_OF_REGION', message, { field: 'address.region', storeId, regionCode })
}

/**
 * Promotions worth reporting for this cart: running now, and store ones only of the cart's
 * stores, so "did not apply" lists what a buyer could act on, not every shop's offers.
 */
function relevantPromotions(promotions: readonly Promotion[], cart: Cart, now: number) {
  const stores = new Set(cart.lines.map((l) => l.storeId))
  return promotions.filter(
    (p) => p.startsAt <= now && now < p.endsAt && (p.level === 'platform' || stores.has(p.storeId)),
  )
}

export interface ContextInput {
  readonly now: number
  readonly currency: string
  readonly regionCode: string
  readonly rules: PricingRules
  readonly snapshot: WalletSnapshot
  readonly wallet: EngineWallet
  readonly selection: CouponSelection
  readonly points: number
}

export function pricingContext(cart: Cart, input: ContextInput): PricingContext {
  const { rules, snapshot, wallet, now } = input
  const cap = rules.pointsPolicy?.maxPointsPerOrder ?? Number.MAX_SAFE_INTEGER
  return {
    now,
    currency: input.currency,
    regionCode: input.regionCode,
    userId: snapshot.userId,
    member: { level: snapshot.level, pointsBalance: snapshot.pointsBalance },
    memberLevels: rules.memberLevels,
    pointsPolicy: rules.pointsPolicy,
    pointsRequested: Math.min(input.points, cap),
    promotions: relevantPromotions(rules.promotions, cart, now),
    couponTemplates: wallet.templates,
    coupons: wallet.coupons,
    couponSelection: input.selection,
    freightTemplates: rules.freightTemplates,
  }
}
