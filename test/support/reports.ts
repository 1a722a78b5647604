import { env } from 'cloudflare:test'
import { token } from './http'
import { uid } from './ids'

export const adminToken = () => token('admin', 'admin-reports')

export const day = 86_400_000
/** A fixed UTC day far from "now", so inserted rows never meet live test traffic. */
export const t0 = Date.UTC(2024, 2, 1)

export interface LineSeed {
  sku: string
  qty: number
  amount: number
  store?: number
  platform?: number
  coupon?: number
  points?: number
  member?: number
}

export interface OrderSeed {
  id?: string
  storeId: string
  userId?: string
  type?: string
  status: string
  currency?: string
  createdAt: number
  paidAt?: number | null
  freight?: number
  parentId?: string | null
  lines: LineSeed[]
  /** (status reached, at) in order; the first is placement. */
  events?: [string, number][]
}

const sumOf = (lines: LineSeed[], k: keyof Omit<LineSeed, 'sku'>) =>
  lines.reduce((s, l) => s + Number(l[k] ?? 0), 0)

function finalOf(l: LineSeed): number {
  const off = (l.store ?? 0) + (l.platform ?? 0) + (l.coupon ?? 0) + (l.points ?? 0)
  return l.amount - off - (l.member ?? 0)
}

/** One order row with its lines and events, straight into the D1 projection. */
export async function insertOrder(o: OrderSeed): Promise<string> {
  const id = o.id ?? uid('ord')
  const currency = o.currency ?? 'CNY'
  const paid = o.lines.reduce((s, l) => s + finalOf(l), 0) + (o.freight ?? 0)
  const paidAt = o.paidAt ?? null
  const statements = [
    env.DB.prepare(`INSERT INTO orders (id, parent_id, user_id, store_id, type, status, currency,
      items_amount, store_discount_amount, platform_discount_amount, coupon_discount_amount,
      points_discount_amount, member_discount_amount, freight_amount, payable_amount, paid_amount,
      version, created_at, paid_at, updated_at)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 1, ?17, ?18, ?17)`).bind(
      id,
      o.parentId ?? null,
      o.userId ?? uid('buyer'),
      o.storeId,
      o.type ?? 'physical',
      o.status,
      currency,
      sumOf(o.lines, 'amount'),
      sumOf(o.lines, 'store'),
      sumOf(o.lines, 'platform'),
      sumOf(o.lines, 'coupon'),
      sumOf(o.lines, 'points'),
      sumOf(o.lines, 'member'),
      o.freight ?? 0,
      paid,
      paidAt === null ? 0 : paid,
      o.createdAt,
      paidAt,
    ),
    ...o.lines.map((l, i) =>
      env.DB.prepare(`INSERT INTO order_lines (order_id, line_no, sku_id, store_id, title, qty,
        currency, unit_price_amount, line_amount, store_discount_amount, platform_discount_amount,
        coupon_discount_amount, points_discount_amount, member_discount_amount, final_amount,
        created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)`).bind(
        id,
        i + 1,
        l.sku,
        o.storeId,
        `Item ${l.sku}`,
        l.qty,
        currency,
        Math.floor(l.amount / l.qty),
        l.amount,
        l.store ?? 0,
        l.platform ?? 0,
        l.coupon ?? 0,
        l.points ?? 0,
        l.member ?? 0,
        finalOf(l),
        o.createdAt,
      ),
    ),
    ...(o.events ?? []).map(([to, at], i, all) =>
      env.DB.prepare(`INSERT INTO order_events (order_id, seq, action, from_status, to_status,
        actor_role, actor_id, payload, at) VALUES (?1, ?2, ?3, ?4, ?5, 'system', 'test', '{}', ?6)`).bind(
        id,
        i + 1,
        i === 0 ? 'place' : `to_${to}`,
        i === 0 ? null : (all[i - 1]?.[0] ?? null),
        to,
        at,
      ),
    ),
  ]
  await env.DB.batch(statements)
  return id
}

export interface LedgerSeed {
  orderId: string
  parentOrderId?: string | null
  kind: string
  ref: string
  amount: number
  at: number
  currency?: string
  status?: string
}

export async function insertLedger(l: LedgerSeed): Promise<void> {
  await env.DB.prepare(`INSERT INTO payments_ledger (id, order_id, parent_order_id, kind,
    provider_ref, session_id, amount, currency, status, at) VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6, ?7, ?8, ?9)`)
    .bind(
      `${l.kind}:${l.orderId}:${l.ref}`,
      l.orderId,
      l.parentOrderId ?? null,
      l.kind,
      l.ref,
      l.amount,
      l.currency ?? 'CNY',
      l.status ?? 'succeeded',
      l.at,
    )
    .run()
}

export interface AfterSaleSeed {
  storeId: string
  orderId: string
  type: 'refund_only' | 'return_refund' | 'exchange'
  reason: string
  status: string
  refund: number
  at: number
}

export async function insertAfterSale(a: AfterSaleSeed): Promise<void> {
  await env.DB.prepare(`INSERT INTO after_sales (id, order_id, user_id, store_id, type, reason,
    status, refund_amount, currency, created_at, updated_at) VALUES (?1, ?2, 'u', ?3, ?4, ?5, ?6, ?7, 'CNY', ?8, ?8)`)
    .bind(uid('as'), a.orderId, a.storeId, a.type, a.reason, a.status, a.refund, a.at)
    .run()
}
