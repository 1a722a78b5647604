import type { OrderStatus } from '../domain/process/order-types'
import { afterSaleOpenTerm, openAfterSalesColumn } from './order-after-sale-sql'

export interface OrderListFilter {
  readonly userId?: string
  readonly storeId?: string
  readonly status?: OrderStatus
  /** Only orders with an after-sale under way. */
  readonly afterSaleOpen?: boolean
  readonly limit: number
  readonly cursor?: { readonly createdAt: number; readonly id: string }
}

export interface OrderSummaryRow extends Record<string, unknown> {
  id: string
  parent_id: string | null
  user_id: string
  store_id: string | null
  type: string
  status: string
  currency: string
  payable_amount: number
  paid_amount: number
  created_at: number
  updated_at: number
  /** Types of the order's open after-sales, comma-separated; NULL when none is open. */
  open_after_sales: string | null
}

/**
 * One page of the order projection, newest first, keyset-paginated on (created_at, id) so each
 * page is an index range whatever the depth.
 */
export async function listOrders(db: D1Database, f: OrderListFilter): Promise<OrderSummaryRow[]> {
  const where: string[] = []
  const args: (string | number)[] = []
  if (f.userId !== undefined) {
    where.push('user_id = ?')
    args.push(f.userId)
  }
  if (f.storeId !== undefined) {
    where.push('store_id = ?')
    args.push(f.storeId)
  }
  if (f.status !== undefined) {
    where.push('status = ?')
    args.push(f.status)
  }
  if (f.afterSaleOpen) where.push(afterSaleOpenTerm)
  if (f.cursor) {
    where.push('(created_at < ? OR (created_at = ? AND id < ?))')
    args.push(f.cursor.createdAt, f.cursor.createdAt, f.cursor.id)
  }
  const sql =
    'SELECT id, parent_id, user_id, store_id, type, status, currency, payable_amount, ' +
    `paid_amount, created_at, updated_at, ${openAfterSalesColumn} FROM orders` +
    (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
    ' ORDER BY created_at DESC, id DESC LIMIT ?'
  const { results } = await db
    .prepare(sql)
    .bind(...args, f.limit)
    .all<OrderSummaryRow>()
  return results
}

export async function historyOf(
  db: D1Database,
  orderId: string,
): Promise<{ seq: number; action: string; to_status: string }[]> {
  const { results } = await db
    .prepare('SELECT seq, action, to_status FROM order_events WHERE order_id = ? ORDER BY seq')
    .bind(orderId)
    .all<{ seq: number; action: string; to_status: string }>()
  return results
}
