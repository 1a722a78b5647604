import { api, token } from './http'
import { uid } from './ids'

export const address = {
  name: 'Li Lei',
  phone: '+86 138 0000 0000',
  region: 'CN-31',
  city: 'Shanghai',
  line1: '1 Century Avenue',
}

export interface SkuSeed {
  id?: string
  storeId: string
  price: number
  currency?: string
  orderType?: 'physical' | 'virtual' | 'presale'
  onSale?: boolean
  presaleDepositAmount?: number
  presaleBalanceStartsAt?: string
  weightGrams?: number
  /** Units on hand in the shared test warehouse; 0 leaves the SKU unstocked. Default 1000. */
  stock?: number
  buckets?: number
  policy?: 'on_place' | 'on_pay'
  perBuyerLimit?: number
}

let sharedWarehouse: Promise<string> | null = null

/** A warehouse serving every region, made once per test file. */
export function defaultWarehouse(): Promise<string> {
  sharedWarehouse ??= createWarehouse([{ region: '*', priority: 0 }])
  return sharedWarehouse
}

export async function createWarehouse(
  regions: { region: string; priority: number }[],
): Promise<string> {
  const id = uid('wh')
  const res = await api('PUT', `/v1/admin/warehouses/${id}`, {
    token: await token('admin', 'admin-1'),
    body: { name: `Warehouse ${id}`, regions },
  })
  if (res.status !== 200) throw new Error(`warehouse: ${res.status} ${JSON.stringify(res.body)}`)
  return id
}

/** Puts `onHand` units of a SKU in a warehouse over `buckets` stock actors. */
export async function stockSku(skuId: string, warehouseId: string, onHand: number, buckets = 1) {
  const res = await api('PUT', `/v1/admin/stock/${skuId}/${warehouseId}`, {
    token: await token('admin', 'admin-1'),
    body: { buckets, onHand },
  })
  if (res.status !== 200) throw new Error(`stock: ${res.status} ${JSON.stringify(res.body)}`)
}

export async function stockCounts(skuId: string) {
  const res = await api<{
    counts: { received: number; available: number; reserved: number; sold: number }
  }>('GET', `/v1/admin/stock/${skuId}`, { token: await token('admin', 'admin-1') })
  return res.body.counts
}

export async function createStore(currency = 'CNY'): Promise<string> {
  const id = uid('store')
  const admin = await token('admin', 'admin-1')
  const res = await api('PUT', `/v1/admin/stores/${id}`, {
    token: admin,
    body: { name: `Store ${id}`, currency },
  })
  if (res.status !== 200) throw new Error(`store: ${res.status} ${JSON.stringify(res.body)}`)
  return id
}

export async function createSku(seed: SkuSeed): Promise<string> {
  const id = seed.id ?? uid('sku')
  const admin = await token('admin', 'admin-1')
  const res = await api('POST', '/v1/admin/skus', {
    token: admin,
    body: {
      id,
      storeId: seed.storeId,
      title: `Item ${id}`,
      price: { amount: seed.price, currency: seed.currency ?? 'CNY' },
      ...(seed.orderType ? { orderType: seed.orderType } : {}),
      ...(seed.onSale === undefined ? {} : { onSale: seed.onSale }),
      ...(seed.presaleDepositAmount === undefined
        ? {}
        : { presaleDepositAmount: seed.presaleDepositAmount }),
      ...(seed.presaleBalanceStartsAt
        ? { presaleBalanceStartsAt: seed.presaleBalanceStartsAt }
        : {}),
      ...(seed.weightGrams === undefined ? {} : { weightGrams: seed.weightGrams }),
    },
  })
  if (res.status !== 201) throw new Error(`sku: ${res.status} ${JSON.stringify(res.body)}`)
  const stock = seed.stock ?? 1000
  if (stock > 0) await stockSku(id, await defaultWarehouse(), stock, seed.buckets ?? 1)
  if (seed.policy || seed.perBuyerLimit) {
    const policy = await api('PUT', `/v1/admin/stock/${id}/policy`, {
      token: admin,
      body: { deduction: seed.policy ?? 'on_place', perBuyerLimit: seed.perBuyerLimit ?? null },
    })
    if (policy.status !== 200) throw new Error(`policy: ${policy.status}`)
  }
  return id
}
