import type { DeliveryMethod, InvoiceType, SourceChannel } from '../domain/order-attributes'
import { afterSaleOpenTerm, openAfterSalesColumn } from './order-after-sale-sql'
import { allRows, SqlParams, type SqlQuery } from './reports-sql'

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
  channel: SourceChannel | null
  delivery: DeliveryMethod | null
  /** The invoice type asked for; NULL when none was. */
  invoice_type: InvoiceType | null
}

/**
 * What a page of orders is filtered by: a buyer's own list, a store's, an admin's search. Every
 * filter narrows an index range.
 */
export interface OrderListFilter {
  readonly status?: string
  readonly storeId?: string
  readonly userId?: string
  /** Only orders with an after-sale under way. */
  readonly afterSaleOpen?: boolean
  readonly channel?: SourceChannel
  readonly delivery?: DeliveryMethod
  /** requested: an invoice of any type was asked for; none: it was not. */
  readonly invoice?: 'requested' | 'none'
  /** created_at range, epoch ms, half-open. */
  readonly from?: number
  readonly to?: number
  /** The (created_at, id) of the last row of the previous page. */
  readonly cursor?: { readonly createdAt: number; readonly id: string }
  readonly limit: number
}

/**
 * The one listing query of the order projection: newest first, keyset-paginated on
 * (created_at, id). The row-value comparison is a bound on the same index the filters search, so
 * a deep page costs what the first one does.
 */
export function orderPageQuery(f: OrderListFilter): SqlQuery {
  const p = new SqlParams()
  const terms: string[] = []
  if (f.status !== undefined) terms.push(`status = ${p.add(f.status)}`)
  if (f.storeId !== undefined) terms.push(`store_id = ${p.add(f.storeId)}`)
  if (f.userId !== undefined) terms.push(`user_id = ${p.add(f.userId)}`)
  if (f.afterSaleOpen) terms.push(afterSaleOpenTerm)
  if (f.channel !== undefined) terms.push(`channel = ${p.add(f.channel)}`)
  if (f.delivery !== undefined) terms.push(`delivery = ${p.add(f.delivery)}`)
  if (f.invoice !== undefined)
    terms.push(`invoice_type IS ${f.invoice === 'none' ? '' : 'NOT '}NULL`)
  if (f.from !== undefined) terms.push(`created_at >= ${p.add(f.from)}`)
  if (f.to !== undefined) terms.push(`created_at < ${p.add(f.to)}`)
  if (f.cursor) {
    terms.push(`(created_at, id) < (${p.add(f.cursor.createdAt)}, ${p.add(f.cursor.id)})`)
  }
  const where = terms.length > 0 ? ` WHERE ${terms.join(' AND ')}` : ''
  const sql = `SELECT id, parent_id, user_id, store_id, type, status, currency, payable_amount,
  paid_amount, created_at, updated_at, channel, delivery, invoice_type, ${openAfterSalesColumn}
FROM orders${where}
ORDER BY created_at DESC, id DESC LIMIT ${p.add(f.limit)}`
  return { sql, args: p.args }
}

export function listOrders(db: D1Database, f: OrderListFilter): Promise<OrderSummaryRow[]> {
  return allRows<OrderSummaryRow>(db, orderPageQuery(f))
}
