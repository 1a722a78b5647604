import {
  planRefund,
  type RefundBasis,
  type RefundFailureCode,
  type RequestedLine,
} from '../after-sale/refund-amounts'
import { splitRefundOverPayments } from '../after-sale/refund-payments'
import { withGiftsTakenBack } from '../gift-take-back'
import type { Order } from '../order'
import type { Role } from '../process/types'
import type { Failure, Result } from '../result'
import { type CancelLinesRequest, cancelRequestHash, type PartialCancel } from './record'
import { cancelledUnits } from './units'

/** Partial cancels one order takes: enough for real changes of mind, not a way to grow it. */
export const MAX_PARTIAL_CANCELS = 20

export type CancelLinesFailureCode =
  | RefundFailureCode
  | 'FORBIDDEN'
  | 'ILLEGAL_TRANSITION'
  | 'RATE_LIMITED'
  | 'REFUND_EXCEEDS_PAYMENT'

/** What a partial cancel looks at: the order as the actor keeps it. */
export type CancelSubject = Pick<
  Order,
  | 'id'
  | 'status'
  | 'currency'
  | 'lines'
  | 'amounts'
  | 'wallet'
  | 'shippedAt'
  | 'payments'
  | 'children'
  | 'partialCancels'
>

/** Who may cancel some units: the buyer, the store's merchant, customer service and admins. */
const cancellers: ReadonlySet<Role> = new Set(['buyer', 'merchant', 'service', 'admin'])

function refuse(
  code: CancelLinesFailureCode,
  message: string,
  details: Record<string, unknown>,
): Failure<CancelLinesFailureCode> {
  return { ok: false, code, message, details }
}

/**
 * Why the order cannot cancel some units now, or null. Only a paid order that has not shipped:
 * before payment nothing was paid to give back (the whole cancel is the way), after shipment the
 * goods come back through a return. A split parent's units live in its packages.
 */
export function cancelLinesRefusal(
  order: CancelSubject,
  role: Role,
): Failure<CancelLinesFailureCode> | null {
  const details = { state: order.status, action: 'cancel_lines' }
  if (!cancellers.has(role))
    return refuse('FORBIDDEN', `role ${role} may not cancel lines`, details)
  if (order.children) {
    const message = 'a split order ships as its packages: cancel lines on each package'
    return refuse('ILLEGAL_TRANSITION', message, details)
  }
  if (order.status !== 'pending_shipment') {
    const message = `lines can be cancelled only while paid and unshipped, not in ${order.status}`
    return refuse('ILLEGAL_TRANSITION', message, details)
  }
  const taken = order.partialCancels?.length ?? 0
  if (taken >= MAX_PARTIAL_CANCELS) {
    const message = `this order had ${taken} partial cancels; cancel the rest whole`
    return refuse('RATE_LIMITED', message, { ...details, limit: MAX_PARTIAL_CANCELS })
  }
  return null
}

/**
 * The refund basis of an order whose cancelled units count as refunded, so the next refund,
 * by cancel or by return, takes the next units' largest-remainder amounts.
 */
export function partialCancelBasis(order: CancelSubject): RefundBasis {
  return {
    currency: order.currency,
    lines: order.lines.map((l) => ({ lineNo: l.lineNo, qty: l.qty, finalAmount: l.finalAmount })),
    freight: order.amounts.freight,
    pointsUsed: order.wallet?.points ?? 0,
    nothingShipped: order.shippedAt === null,
    refunded: cancelledUnits(order),
  }
}

/** Money each payment has given back through partial cancels, by payment id. */
export function cancelledFromPayments(order: Pick<Order, 'partialCancels'>): Map<string, number> {
  const out = new Map<string, number>()
  for (const pc of order.partialCancels ?? []) {
    for (const p of pc.payouts) out.set(p.paymentId, (out.get(p.paymentId) ?? 0) + p.amount)
  }
  return out
}

export interface CancelLinesInput {
  readonly id: string
  readonly idempotencyKey: string
  readonly request: CancelLinesRequest
  readonly by: { readonly role: Role; readonly id: string }
  readonly now: number
}

/**
 * What cancelling some units does: `partial` with the record to add (refund by largest
 * remainder over the line's units, exactly as a return's, split over the order's payments), or
 * `whole` when nothing would be left to ship, which is the whole order's cancel (freight back).
 */
export type CancelLinesPlan =
  | { readonly kind: 'partial'; readonly record: PartialCancel }
  | { readonly kind: 'whole' }

export function planCancelLines(
  order: CancelSubject,
  input: CancelLinesInput,
): Result<{ readonly value: CancelLinesPlan }, CancelLinesFailureCode> {
  const refused = cancelLinesRefusal(order, input.by.role)
  if (refused) return refused
  const requested: RequestedLine[] = withGiftsTakenBack(
    order.lines,
    cancelledUnits(order),
    input.request.lines,
  )
  const plan = planRefund(partialCancelBasis(order), requested)
  if (!plan.ok) return plan
  if (plan.value.closesOrder) return { ok: true, value: { kind: 'whole' } }
  const taken = cancelledFromPayments(order)
  const payments = (order.payments ?? []).map((p) => ({
    paymentId: p.paymentId,
    amount: p.amount,
    at: p.at,
    refunded: taken.get(p.paymentId) ?? 0,
  }))
  const split = splitRefundOverPayments(plan.value.total, payments)
  if (!split.ok) return split
  const record: PartialCancel = {
    id: input.id,
    idempotencyKey: input.idempotencyKey,
    requestHash: cancelRequestHash(input.request),
    lines: plan.value.lines.map((l) => ({ ...l })),
    items: plan.value.items,
    freight: plan.value.freight,
    total: plan.value.total,
    points: plan.value.points,
    payouts: split.value,
    reason: input.request.reason,
    by: { role: input.by.role, id: input.by.id },
    at: input.now,
  }
  return { ok: true, value: { kind: 'partial', record } }
}
