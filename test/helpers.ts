import { env, runDurableObjectAlarm, runInDurableObject, SELF } from 'cloudflare:test'
import { sign } from 'hono/jwt'
import { createOrderStore } from '../durable-objects/order/store'

export type Role = 'buyer' | 'merchant' | 'warehouse' | 'service' | 'admin'

let counter = 0
/** A fresh id per call, so tests never share rows. */
export function uid(prefix: string): string {
  counter += 1
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 7)}`
}

export async function token(role: Role, sub: string, storeId?: string): Promise<string> {
  const exp = Math.floor(Date.now() / 1000) + 3600
  return sign({ sub, role, exp, ...(storeId ? { storeId } : {}) }, env.JWT_SECRET, 'HS256')
}

export interface Call {
  token?: string
  body?: unknown
  rawBody?: string
  headers?: Record<string, string>
}

export interface Answer<T = Record<string, unknown>> {
  status: number
  body: T
  headers: Headers
}

export async function api<T = Record<string, unknown>>(
  method: string,
  path: string,
  call: Call = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...call.headers }
  if (call.token) headers.Authorization = `Bearer ${call.token}`
  let body: string | undefined
  if (call.rawBody !== undefined) body = call.rawBody
  else if (call.body !== undefined) body = JSON.stringify(call.body)
  if (body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json'
  const res = await SELF.fetch(`https://orders.test${path}`, { method, headers, body })
  const text = await res.text()
  const parsed =
    text.length > 0 && res.headers.get('Content-Type')?.includes('json') ? JSON.parse(text) : text
  return { status: res.status, body: parsed as T, headers: res.headers }
}

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

export interface OrderBody {
  id: string
  status: string
  userId: string
  amounts: Record<
    | 'items'
    | 'memberDiscount'
    | 'storeDiscount'
    | 'platformDiscount'
    | 'couponDiscount'
    | 'pointsDiscount'
    | 'freight'
    | 'payable'
    | 'paid',
    { amount: number; currency: string }
  >
  labels: Record<'buyer' | 'merchant' | 'warehouse' | 'service', { en: string; zh: string }>
  [k: string]: unknown
}

export async function placeOrder(
  buyer: string,
  lines: { skuId: string; qty: number }[],
  key: string = uid('key'),
): Promise<Answer<OrderBody>> {
  return api<OrderBody>('POST', '/v1/orders', {
    token: await token('buyer', buyer),
    headers: { 'Idempotency-Key': key },
    body: { lines, address },
  })
}

export function orderActor(orderId: string) {
  return env.ORDER_ACTOR.get(env.ORDER_ACTOR.idFromName(orderId))
}

/**
 * Moves an order's timers to the past, as if their time had come, then runs its alarm. Time is
 * not faked: only the due dates move.
 */
export async function elapse(orderId: string, kinds?: string[]): Promise<boolean> {
  // Side effects in flight would re-arm the alarm under us; let them finish first.
  await settle(orderId)
  const stub = orderActor(orderId)
  await runInDurableObject(stub, (_instance, state) => {
    const past = Date.now() - 1
    const store = createOrderStore(state.storage.sql)
    state.storage.transactionSync(() =>
      store.stage(() => {
        for (const t of store.timers.all())
          if (!kinds || kinds.includes(t.kind)) store.timers.set(t.kind, past, t.action)
      }),
    )
  })
  return runDurableObjectAlarm(stub)
}

export async function timersOf(orderId: string): Promise<{ kind: string; due_at: number }[]> {
  return runInDurableObject(orderActor(orderId), (_i, state) =>
    createOrderStore(state.storage.sql)
      .timers.all()
      .map((t) => ({ kind: t.kind, due_at: t.dueAt }))
      .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0)),
  )
}

/** Waits for the actor's side effects to run and its history to reach D1. */
export async function settle(orderId: string): Promise<void> {
  const stub = orderActor(orderId)
  for (let i = 0; i < 50; i++) {
    const effects = await stub.runEffects()
    const { pending } = await stub.flushOutbox()
    if (pending === 0 && effects.pending === 0) return
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`outbox of ${orderId} did not drain`)
}
