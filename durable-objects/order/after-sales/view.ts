import type { Money } from '../../../src/domain/money'
import {
  afterSaleLabelsFor,
  afterSaleTypeLabels,
} from '../../../src/domain/process/after-sale-perspectives'
import type { AfterSaleStatus, AfterSaleType } from '../../../src/domain/process/after-sale-types'
import type { Label, Perspective } from '../../../src/domain/process/perspectives'
import type { StoredAfterSale } from './records'
import {
  type ReturnDetailsView,
  type ReturnFreightView,
  returnDetailsView,
  returnFreightView,
} from './return-view'

/** An after-sale as the API shows it: money as {amount, currency}, times as ISO strings. */
export type AfterSaleView = ReturnDetailsView & {
  readonly id: string
  readonly orderId: string
  readonly type: AfterSaleType
  readonly typeLabel: Label
  readonly status: AfterSaleStatus
  readonly labels: Readonly<Record<Perspective, Label>>
  readonly lines: { readonly lineNo: number; readonly qty: number }[]
  readonly reason: string
  readonly requestedBy: { readonly role: string; readonly id: string }
  readonly returnShipment: { readonly carrier: string; readonly trackingNumber: string } | null
  readonly refund: RefundView | null
  readonly replacementOrderId: string | null
  readonly rejectReason: string | null
  readonly createdAt: string
  readonly updatedAt: string
  readonly version: number
}

export type RefundView = {
  /** The return freight settled in this refund (added or kept back), when one was stated. */
  readonly returnFreight: ReturnFreightView | null
  readonly total: Money
  readonly items: Money
  readonly freight: Money
  readonly points: number
  readonly closesOrder: boolean
  readonly lines: { readonly lineNo: number; readonly qty: number; readonly amount: Money }[]
  readonly payments: {
    readonly paymentId: string
    readonly amount: Money
    readonly done: boolean
  }[]
}

const iso = (at: number) => new Date(at).toISOString()

function refundView(stored: StoredAfterSale): RefundView | null {
  const plan = stored.record.refund
  if (!plan) return null
  const m = (amount: number): Money => ({ amount, currency: plan.currency })
  return {
    returnFreight: returnFreightView(stored.record),
    total: m(plan.total),
    items: m(plan.items),
    freight: m(plan.freight),
    points: plan.points,
    closesOrder: plan.closesOrder,
    lines: plan.lines.map((l) => ({ lineNo: l.lineNo, qty: l.qty, amount: m(l.amount) })),
    payments: stored.payouts.map((p) => ({
      paymentId: p.paymentId,
      amount: m(p.amount),
      done: p.done,
    })),
  }
}

export function afterSaleView(stored: StoredAfterSale): AfterSaleView {
  const a = stored.record
  return {
    id: a.id,
    orderId: a.orderId,
    type: a.type,
    typeLabel: afterSaleTypeLabels[a.type],
    status: a.status,
    labels: afterSaleLabelsFor(a.status),
    lines: a.lines.map((l) => ({ lineNo: l.lineNo, qty: l.qty })),
    reason: a.reason,
    requestedBy: { role: a.requestedBy.role, id: a.requestedBy.id },
    returnShipment: a.returnShipment ? { ...a.returnShipment } : null,
    refund: refundView(stored),
    replacementOrderId: a.replacementOrderId,
    rejectReason: stored.rejectReason,
    ...returnDetailsView(a),
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
    version: a.version,
  }
}
