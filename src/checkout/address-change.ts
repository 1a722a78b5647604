import { money } from '../domain/money'
import type { Address, Order } from '../domain/order'
import { quoteFreight } from '../domain/pricing/freight'
import type { Env } from '../env'
import { type Failure, fail } from '../errors'
import { stockPlansFor } from '../store/inventory'
import { cachedPricingRules } from '../store/pricing-cache'
import { isBlocked } from './blacklist-check'

/**
 * The checks placement ran on the address, run again for a new one: the blacklist (403
 * BUYER_BLOCKED), a warehouse and a freight rule serving the region (422 ADDRESS_OUT_OF_REGION),
 * and the same warehouses and freight as priced (else 409 ADDRESS_CHANGE_NEEDS_REQUOTE: the
 * order would ship from elsewhere or cost more or less, so it must be placed anew).
 */
export async function addressChangeRefusal(
  env: Env,
  order: Order,
  address: Address,
  now: number = Date.now(),
): Promise<Failure | null> {
  if (await isBlocked(env.DB, order.userId, address, now)) {
    return fail('BUYER_BLOCKED', 'address: this address or phone cannot receive orders')
  }
  const region = address.region
  const outOfRegion = (detail: Record<string, unknown>) =>
    fail('ADDRESS_OUT_OF_REGION', `address.region: the order cannot ship to ${region}`, {
      field: 'address.region',
      region,
      ...detail,
    })
  const plans = await stockPlansFor(
    env.DB,
    [...new Set(order.stock.map((s) => s.skuId))],
    region,
    now,
  )
  for (const line of order.stock) {
    const serving = plans.get(line.skuId)?.warehouses ?? []
    if (serving.length === 0) return outOfRegion({ skuId: line.skuId })
    if (!serving.some((w) => w.warehouseId === line.warehouseId)) {
      return requote('it would ship from another warehouse', { skuId: line.skuId })
    }
  }
  const rules = await cachedPricingRules(env.DB, now)
  // Freight was priced on the bought lines: gifts ship free.
  const bought = order.lines.filter((l) => l.giftOf === undefined)
  const lines = bought.map((l) => ({
    lineNo: l.lineNo,
    skuId: l.skuId,
    storeId: l.storeId,
    categoryId: l.categoryId ?? '',
    unitPrice: money(l.unitPrice, order.currency),
    qty: l.qty,
    weightGrams: l.weightGrams,
  }))
  // Free-shipping thresholds look at the lines after coupons, before points.
  const amounts = bought.map((l) => l.finalAmount + l.pointsDiscount)
  const freight = quoteFreight({
    lines,
    amounts,
    templates: rules.freightTemplates,
    regionCode: region,
  })
  if (!freight.ok) return outOfRegion({ reason: freight.code })
  const total = freight.value.reduce((n, c) => n + c.amount, 0)
  if (total !== order.amounts.freight) {
    return requote('its freight would change', { freight: total, priced: order.amounts.freight })
  }
  return null
}

function requote(why: string, details: Record<string, unknown>): Failure {
  const message = `address: ${why}; cancel and place the order again for the new address`
  return fail('ADDRESS_CHANGE_NEEDS_REQUOTE', message, { field: 'address', ...details })
}
