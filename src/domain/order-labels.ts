import type { Order } from './order'
import { type Fulfilment, fulfilmentLabels } from './order-fulfilment'
import { type Label, type Perspective, statusLabels } from './process/perspectives'
import type { OrderStatus } from './process/types'

export type LabelRow = Readonly<Record<Perspective, Label>>
type Overlay = Partial<Record<Perspective, Label>>

/** What the labels are read from: the main status and the sub-states beside it. */
export type LabelSubject = Pick<Order, 'status'> & { readonly fulfilment?: Fulfilment }

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

/**
 * The layers a label is built from, in order: each later layer speaks over the earlier ones for
 * the perspectives it names and leaves the others alone.
 */
const overlays: readonly ((o: LabelSubject) => Overlay)[] = [fulfilmentOverlay]

/** The order's label for every perspective: its status, then whatever sub-state speaks louder. */
export function orderLabels(o: LabelSubject): LabelRow {
  const row: Record<Perspective, Label> = { ...statusLabels[o.status] }
  for (const layer of overlays) Object.assign(row, layer(o))
  return row
}
