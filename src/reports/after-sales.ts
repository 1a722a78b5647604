import {
  type AfterSaleGroup,
  afterSaleSums,
  type PaidCountRow,
  paidCounts,
} from '../store/reports-after-sales'
import type { ReportFilter } from '../store/reports-sql'
import { money, shareBps } from './money'

/**
 * After-sales opened in the range by type, reason or store. `rateBps` is after-sales per 10,000
 * orders paid in the same range (per store when grouped by store); `ordersInAfterSale` counts
 * the orders those still open are on (what the lists' after-sale tab shows); `succeededBps` and
 * `rejectedBps` are shares of the after-sales themselves.
 */
export async function afterSalesReport(db: D1Database, group: AfterSaleGroup, f: ReportFilter) {
  const byStore = group === 'store'
  const [rows, paid] = await Promise.all([afterSaleSums(db, group, f), paidCounts(db, byStore, f)])
  const base = new Map(paid.map((p: PaidCountRow) => [`${p.currency}|${p.k ?? ''}`, p.orders]))
  return rows
    .sort(
      (a, b) => a.currency.localeCompare(b.currency) || b.count - a.count || a.k.localeCompare(b.k),
    )
    .map((r) => {
      const paidOrders = base.get(`${r.currency}|${byStore ? r.k : ''}`) ?? 0
      return {
        key: r.k,
        currency: r.currency,
        count: r.count,
        succeeded: r.succeeded,
        rejected: r.rejected,
        open: r.open,
        ordersInAfterSale: r.open_orders,
        paidOrders,
        rateBps: shareBps(r.count, paidOrders),
        succeededBps: shareBps(r.succeeded, r.count),
        rejectedBps: shareBps(r.rejected, r.count),
        refunded: money(r.refunded, r.currency),
        requested: money(r.requested, r.currency),
      }
    })
}
