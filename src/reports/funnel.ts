import { type OrderType, orderTypes } from '../domain/process/order-types'
import { processes } from '../domain/process/registry'
import { type FunnelFilter, reachedCounts, stepMedians } from '../store/reports-funnel'

export interface FunnelView {
  type: string
  placed: number
  statuses: { status: string; orders: number }[]
  steps: { from: string; to: string; orders: number; medianMs: number }[]
}

const isOrderType = (t: string): t is OrderType => (orderTypes as readonly string[]).includes(t)

/** Position of a status in its type's table, so statuses read in the order an order meets them. */
function rank(type: string, status: string): number {
  const states: readonly string[] = isOrderType(type) ? processes[type].states : []
  const i = states.indexOf(status)
  return i === -1 ? states.length : i
}

/** Per order type: how many of the cohort reached each status, and how long each step took. */
export async function funnelReport(db: D1Database, f: FunnelFilter): Promise<FunnelView[]> {
  const [reached, steps] = await Promise.all([reachedCounts(db, f), stepMedians(db, f)])
  const types = [...new Set([...reached.map((r) => r.type), ...steps.map((s) => s.type)])].sort()
  return types.map((type) => {
    const statuses = reached
      .filter((r) => r.type === type)
      .sort((a, b) => rank(type, a.status) - rank(type, b.status))
      .map((r) => ({ status: r.status, orders: r.orders }))
    const initial = isOrderType(type) ? processes[type].initial : null
    const placed = statuses.find((s) => s.status === initial)?.orders ?? 0
    const typeSteps = steps
      .filter((s) => s.type === type)
      .sort(
        (a, b) =>
          rank(type, a.from_status) - rank(type, b.from_status) ||
          rank(type, a.to_status) - rank(type, b.to_status),
      )
      .map((s) => ({
        from: s.from_status,
        to: s.to_status,
        orders: s.orders,
        medianMs: s.median_ms,
      }))
    return { type, placed, statuses, steps: typeSteps }
  })
}
