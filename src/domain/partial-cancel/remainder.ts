import type { Order } from '../order'
import { cancelledFromPayments } from './plan'
import { cancelledUnits } from './units'

type Subject = Pick<Order, 'payments' | 'wallet' | 'partialCancels' | 'lines'>

/**
 * What the whole cancel of an order gives back once some units were cancelled: each payment
 * minus what partial cancels already refunded from it. Partial cancels refunded their units'
 * finals, so what is left is the other units' finals plus the freight, to the minor unit.
 */
export function paymentsLeft(
  order: Subject,
): { readonly paymentId: string; readonly amount: number }[] {
  const taken = cancelledFromPayments(order)
  return (order.payments ?? [])
    .map((p) => ({ paymentId: p.paymentId, amount: p.amount - (taken.get(p.paymentId) ?? 0) }))
    .filter((p) => p.amount > 0)
}

/** Points still to give back on the whole cancel: those spent minus those partial cancels returned. */
export function pointsLeft(order: Subject): number {
  const returned = (order.partialCancels ?? []).reduce((acc, pc) => acc + pc.points, 0)
  return Math.max((order.wallet?.points ?? 0) - returned, 0)
}

/** Units of a line the whole cancel puts back on sale: those partial cancels have not. */
export function restockLeft(order: Subject, lineNo: number, qty: number): number {
  return Math.max(qty - (cancelledUnits(order)[lineNo] ?? 0), 0)
}

/** The lines the warehouse ships: placed units minus cancelled ones, emptied lines left out. */
export function linesToShip<L extends { readonly lineNo: number; readonly qty: number }>(
  order: Pick<Order, 'partialCancels'>,
  lines: readonly L[],
): L[] {
  const cancelled = cancelledUnits(order)
  return lines
    .map((l) => ({ ...l, qty: l.qty - (cancelled[l.lineNo] ?? 0) }))
    .filter((l) => l.qty > 0)
}
