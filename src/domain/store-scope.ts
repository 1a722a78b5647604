import type { Order, OrderAmounts, OrderEvent } from './order'
import type { Viewer } from './visibility'

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0)

/**
 * A merchant sees only its own store's part of an order that spans several stores (a split
 * parent): its lines, its packages, and amounts added up from those alone. Everyone else, and
 * any single-store order, is seen whole.
 */
export function scopeToViewer(viewer: Viewer, order: Order): Order {
  const store = viewer.role === 'merchant' ? viewer.storeId : null
  if (!store || order.storeIds.length <= 1) return order
  const lines = order.lines.filter((l) => l.storeId === store)
  const children = order.children?.filter((c) => c.storeId === store)
  const finals = sum(lines.map((l) => l.finalAmount))
  const payable = children ? sum(children.map((c) => c.payable)) : finals
  const amounts: OrderAmounts = {
    items: sum(lines.map((l) => l.amount)),
    memberDiscount: sum(lines.map((l) => l.memberDiscount)),
    storeDiscount: sum(lines.map((l) => l.storeDiscount)),
    platformDiscount: sum(lines.map((l) => l.platformDiscount)),
    couponDiscount: sum(lines.map((l) => l.couponDiscount)),
    pointsDiscount: sum(lines.map((l) => l.pointsDiscount)),
    // What the store's packages charge beyond their lines is their share of the freight.
    freight: Math.max(payable - finals, 0),
    payable,
    paid: children ? sum(children.map((c) => c.paid)) : 0,
  }
  return {
    ...order,
    storeIds: [store],
    storeId: store,
    lines,
    stock: order.stock.filter((s) => lines.some((l) => l.lineNo === s.lineNo)),
    amounts,
    ...(children ? { children } : {}),
  }
}

/**
 * The event log as a merchant of one store of a multi-store order may read it: the moves of the
 * order and of its own packages, without payloads that describe the whole submission.
 */
export function scopeEvents(viewer: Viewer, order: Order, events: OrderEvent[]): OrderEvent[] {
  const store = viewer.role === 'merchant' ? viewer.storeId : null
  if (!store || order.storeIds.length <= 1) return events
  const mine = new Set((order.children ?? []).filter((c) => c.storeId === store).map((c) => c.id))
  return events.flatMap((e) => {
    const child = e.payload.childId
    if (typeof child === 'string') return mine.has(child) ? [e] : []
    return [{ ...e, payload: {} }]
  })
}
