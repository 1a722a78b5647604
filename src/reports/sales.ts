import type { Money } from '../domain/money'
import {
  type DiscountSums,
  dayMs,
  type OrderSalesRow,
  orderSales,
  type RefundRow,
  refundSums,
  type SalesGroup,
  type SkuSalesRow,
  skuSales,
} from '../store/reports-sales'
import { money } from './money'
import type { ReportRange } from './params'

/** Integer figures of one group in one currency, before they become Money on the wire. */
interface Figures extends DiscountSums {
  key: string
  currency: string
  title: string | null
  orders: number
  units: number
  paid: number
  items: number
  freight: number | null
  refunds: number | null
  late: number | null
}

export interface SalesRowView {
  key: string
  title: string | null
  currency: string
  orders: number
  units: number
  paid: Money
  items: Money
  discounts: Record<keyof DiscountSums, Money>
  freight: Money | null
  refunds: Money | null
  latePaymentRefunds: Money | null
  net: Money | null
}

const noStore = '(none)'
const dayKey = (k: number) => new Date(k * dayMs).toISOString().slice(0, 10)

function keyText(group: SalesGroup, k: string | number | null): string {
  if (group === 'day') return dayKey(Number(k))
  return k === null || k === '' ? noStore : String(k)
}

function empty(key: string, currency: string, lineLevel: boolean): Figures {
  const zero = lineLevel ? null : 0
  const discounts = { member: 0, store: 0, platform: 0, coupon: 0, points: 0 }
  const base = { key, currency, title: null, orders: 0, units: 0, paid: 0, items: 0 }
  return { ...base, ...discounts, freight: zero, refunds: zero, late: zero }
}

function fromOrders(group: SalesGroup, r: OrderSalesRow | SkuSalesRow): Figures {
  const { currency, orders, units, paid, items, member, store, platform, coupon, points } = r
  const title = 'title' in r ? r.title : null
  const freight = 'freight' in r ? r.freight : null
  const figures = { currency, title, orders, units, paid, items, freight }
  const discounts = { member, store, platform, coupon, points }
  const late = group === 'sku' ? null : 0
  return { key: keyText(group, r.k), ...figures, ...discounts, refunds: late, late }
}

function addRefunds(byKey: Map<string, Figures>, group: SalesGroup, r: RefundRow): void {
  const key = keyText(group, r.k)
  const id = `${r.currency}|${key}`
  const f = byKey.get(id) ?? empty(key, r.currency, false)
  f.refunds = (f.refunds ?? 0) + r.refunds
  f.late = (f.late ?? 0) + r.late
  byKey.set(id, f)
}

/** Every day of the range for every currency seen, so a chart has no holes. */
function fillDays(byKey: Map<string, Figures>, range: ReportRange): void {
  const shift = range.tzOffsetMinutes * 60_000
  const first = Math.floor((range.from + shift) / dayMs)
  const last = Math.floor((range.to - 1 + shift) / dayMs)
  const currencies = new Set([...byKey.values()].map((f) => f.currency))
  for (const currency of currencies) {
    for (let d = first; d <= last; d++) {
      const key = dayKey(d)
      if (!byKey.has(`${currency}|${key}`))
        byKey.set(`${currency}|${key}`, empty(key, currency, false))
    }
  }
}

function view(f: Figures): SalesRowView {
  const m = (amount: number) => money(amount, f.currency)
  const maybe = (amount: number | null) => (amount === null ? null : m(amount))
  const discounts = {
    member: m(f.member),
    store: m(f.store),
    platform: m(f.platform),
    coupon: m(f.coupon),
    points: m(f.points),
  }
  const net = f.refunds === null ? null : m(f.paid - f.refunds)
  const { key, title, currency, orders, units } = f
  const amounts = { paid: m(f.paid), items: m(f.items), discounts, freight: maybe(f.freight) }
  const refunds = { refunds: maybe(f.refunds), latePaymentRefunds: maybe(f.late), net }
  return { key, title, currency, orders, units, ...amounts, ...refunds }
}

async function figures(db: D1Database, group: SalesGroup, range: ReportRange) {
  const byKey = new Map<string, Figures>()
  if (group === 'sku') {
    for (const r of await skuSales(db, range))
      byKey.set(`${r.currency}|${r.k}`, fromOrders(group, r))
    return byKey
  }
  const [orders, refunds] = await Promise.all([
    orderSales(db, group, range),
    refundSums(db, group, range),
  ])
  for (const r of orders) byKey.set(`${r.currency}|${keyText(group, r.k)}`, fromOrders(group, r))
  for (const r of refunds) addRefunds(byKey, group, r)
  if (group === 'day') fillDays(byKey, range)
  return byKey
}

function sumFigures(rows: readonly Figures[]): Figures[] {
  const totals = new Map<string, Figures>()
  for (const r of rows) {
    const t = totals.get(r.currency) ?? empty('total', r.currency, false)
    for (const k of ['orders', 'units', 'paid', 'items'] as const) t[k] += r[k]
    for (const k of ['member', 'store', 'platform', 'coupon', 'points'] as const) t[k] += r[k]
    t.freight = (t.freight ?? 0) + (r.freight ?? 0)
    t.refunds = (t.refunds ?? 0) + (r.refunds ?? 0)
    t.late = (t.late ?? 0) + (r.late ?? 0)
    totals.set(r.currency, t)
  }
  return [...totals.values()]
}

/** Rows sorted by currency then key; totals per currency always at order level. */
export async function salesReport(db: D1Database, group: SalesGroup, range: ReportRange) {
  const byKey = await figures(db, group, range)
  const sorted = [...byKey.values()].sort(
    (a, b) => a.currency.localeCompare(b.currency) || a.key.localeCompare(b.key),
  )
  // SKU rows cannot be summed into orders (one order spans SKUs) and carry no freight or refunds.
  const base = group === 'sku' ? [...(await figures(db, 'store', range)).values()] : sorted
  return { rows: sorted.map(view), totals: sumFigures(base).map(view) }
}
