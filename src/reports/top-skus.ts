import { skuSales } from '../store/reports-sales'
import { money } from './money'
import type { ReportRange } from './params'

export type TopSkusBy = 'amount' | 'units'

/** The best-selling SKUs of each currency, by paid line amount or by units. */
export async function topSkusReport(
  db: D1Database,
  range: ReportRange,
  by: TopSkusBy,
  limit: number,
) {
  const rows = await skuSales(db, range)
  const ranked = new Map<string, typeof rows>()
  for (const r of rows) {
    const list = ranked.get(r.currency)
    if (list) list.push(r)
    else ranked.set(r.currency, [r])
  }
  const measure = (r: (typeof rows)[number]) => (by === 'amount' ? r.paid : r.units)
  return [...ranked.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([, list]) =>
      list
        .sort((a, b) => measure(b) - measure(a) || a.k.localeCompare(b.k))
        .slice(0, limit)
        .map((r, i) => ({
          rank: i + 1,
          skuId: r.k,
          title: r.title,
          currency: r.currency,
          orders: r.orders,
          units: r.units,
          paid: money(r.paid, r.currency),
          items: money(r.items, r.currency),
        })),
    )
}
