import { address, createSku, createStore } from './catalog'
import { type Answer, api, token } from './http'
import { uid } from './ids'
import { cny } from './pricing'

const HOUR = 3_600_000
export const window = () => ({
  startsAt: new Date(Date.now() - HOUR).toISOString(),
  endsAt: new Date(Date.now() + 24 * HOUR).toISOString(),
})

export async function admin(method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await api(method, path, { token: await token('admin', 'admin-1'), body })
  if (res.status >= 300)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`)
  return res
}

/**
 * A store's freight by weight to CN-31: 8.00 for the first kilogram, 2.00 per 500 g after it, and
 * free over `freeOver` minor units (10,000.00 by default: never, for these tests' carts).
 */
export async function weightFreight(storeId: string, freeOver = 1_000_000): Promise<void> {
  const rule = {
    regions: ['CN-31'],
    firstWeightGrams: 1000,
    firstWeightPrice: cny(800),
    stepGrams: 500,
    stepPrice: cny(200),
    freeOver: cny(freeOver),
  }
  await admin('PUT', `/v1/admin/freight-templates/${uid('fr')}`, { storeId, rules: [rule] })
}

/** Points worth one minor unit each, usable for the whole payable. */
export async function pointsAtPar(): Promise<void> {
  await admin('PUT', '/v1/admin/points-policy', {
    rate: { points: 1, minorUnits: 1 },
    maxShareBps: 10000,
    maxPointsPerOrder: null,
  })
}

export async function spendSave(
  level: 'store' | 'platform',
  threshold: number,
  off: number,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const id = uid('promo')
  const rule = { kind: 'spend_save', threshold: cny(threshold), amountOff: cny(off) }
  await admin('POST', '/v1/admin/promotions', {
    id,
    title: `Spend ${threshold} save ${off}`,
    level,
    rule,
    ...window(),
    ...extra,
  })
  return id
}

export async function couponTemplate(extra: Record<string, unknown> = {}): Promise<string> {
  const id = uid('tpl')
  await admin('POST', '/v1/admin/coupon-templates', {
    id,
    title: 'Voucher',
    threshold: cny(0),
    benefit: { kind: 'amount_off', amountOff: cny(15000) },
    stacking: 'stackable',
    ...window(),
    ...extra,
  })
  return id
}

export async function issue(templateId: string, userId: string): Promise<string> {
  const res = await admin('POST', `/v1/admin/coupon-templates/${templateId}/issue`, { userId })
  return res.body.id as string
}

export interface QuoteBody {
  payable: { amount: number; currency: string }
  lines: {
    skuId: string
    finalAmount: { amount: number }
    discounts: Record<string, { amount: number }>
  }[]
  [k: string]: unknown
}

export async function quote(
  buyer: string,
  body: Record<string, unknown>,
): Promise<Answer<QuoteBody>> {
  return api<QuoteBody>('POST', '/v1/checkout/quote', {
    token: await token('buyer', buyer),
    body: { address, ...body },
  })
}

/** The worked discount example's cart: A 100 + B 200 from one store, C 300 from another. */
export async function designCart() {
  const [storeA, storeB] = [await createStore(), await createStore()]
  const a = await createSku({ storeId: storeA, price: 10000 })
  const b = await createSku({ storeId: storeA, price: 20000 })
  const c = await createSku({ storeId: storeB, price: 30000 })
  return { storeA, storeB, a, b, c }
}
