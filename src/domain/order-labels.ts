import { orderAfterSaleLabels, orderAfterSaleState } from './after-sale/order-state'
import type { Order } from './order'
import { type Fulfilment, fulfilmentLabels } from './order-fulfilment'
import type { OrderStatus } from './process/order-types'
import { type Label, type Perspective, statusLabels } from './process/perspectives'

export type LabelRow = Readonly<Record<Perspective, Label>>
type Overlay = Partial<Record<Perspective, Label>>

/** What the labels are read from: the main status and the sub-states beside it. */
export type LabelSubject = Pick<Order, 'status'> & {
  readonly fulfilment?: Fulfilment
  readonly openAfterSales?: Order['openAfterSales']
  readonly reviewReason?: string | null
  readonly held?: Order['held']
}

/**
 * Main statuses in which the warehouse reads its own progress (the fulfilment sub-state) rather
 * than the status: while an order waits for shipment the warehouse tells "not released", "to
 * pick" and "packing" apart, and every other audience still reads "to ship".
 */
const fulfilmentVoices: Readonly<Partial<Record<OrderStatus, readonly Perspective[]>>> = {
  pending_shipment: ['warehouse'],
}

function fulfilmentOverlay(o: LabelSubject): Overlay {
  const row = fulfilmentLabels[o.fulfilment ?? 'not_pushed']
  const voices = fulfilmentVoices[o.status] ?? []
  return Object.fromEntries(voices.map((p) => [p, row[p]]))
}

function afterSaleOverlay(o: LabelSubject): Overlay {
  const state = orderAfterSaleState(o.openAfterSales ?? [])
  return state === 'none' ? {} : orderAfterSaleLabels[state]
}

/**
 * Abnormal (异常): an order customer service must look at before anything else moves. Each rule
 * is one reason: the order is held for review, or money that did not match what it owed is
 * still held (neither refunded nor accepted).
 */
const abnormalRules: readonly ((o: LabelSubject) => boolean)[] = [
  (o) => o.reviewReason != null,
  (o) => (o.held ?? []).some((h) => h.status === 'held'),
]

export function isAbnormal(o: LabelSubject): boolean {
  return abnormalRules.some((rule) => rule(o))
}

const abnormalLabels: Overlay = { service: { en: 'Abnormal', zh: '异常' } }

const abnormalOverlay = (o: LabelSubject): Overlay => (isAbnormal(o) ? abnormalLabels : {})

/**
 * The layers a label is built from, in order: each later layer speaks over the earlier ones for
 * the perspectives it names and leaves the others alone.
 */
const overlays: readonly ((o: LabelSubject) => Overlay)[] = [
  fulfilmentOverlay,
  afterSaleOverlay,
  abnormalOverlay,
]

/** The order's label for every perspective: its status, then whatever sub-state speaks louder. */
export function orderLabels(o: LabelSubject): LabelRow {
  const row: Record<Perspective, Label> = { ...statusLabels[o.status] }
  for (const layer of overlays) Object.assign(row, layer(o))
  return row
}
