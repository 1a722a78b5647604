import type { OrderStatus } from './process/order-types'
import type { Label, Perspective } from './process/perspectives'

/**
 * Where a paid order stands in the warehouse: a sub-state of pending_shipment, not a main
 * status, so the buyer still reads "To ship" while the warehouse reads "Picking". Kept as
 * `Order.fulfilment`; an order without the field is `not_pushed`.
 */
export const fulfilmentStates = [
  'not_pushed',
  'pushed',
  'picking',
  'outbound',
  'intercepted',
] as const
export type Fulfilment = (typeof fulfilmentStates)[number]

/** What the WMS (or a merchant shipping by itself) reports. */
export type FulfilmentStep = 'push' | 'pick' | 'outbound' | 'intercept'

/** Forward moves only; a merchant without a WMS ships straight from not_pushed. */
const steps: Readonly<Record<Fulfilment, Partial<Record<FulfilmentStep, Fulfilment>>>> = {
  not_pushed: { push: 'pushed', outbound: 'outbound' },
  pushed: { pick: 'picking', outbound: 'outbound', intercept: 'intercepted' },
  picking: { outbound: 'outbound', intercept: 'intercepted' },
  outbound: {},
  intercepted: {},
}

const rank: Readonly<Record<Fulfilment, number>> = {
  not_pushed: 0,
  pushed: 1,
  picking: 2,
  outbound: 3,
  intercepted: 3,
}

const target: Readonly<Record<FulfilmentStep, Fulfilment>> = {
  push: 'pushed',
  pick: 'picking',
  outbound: 'outbound',
  intercept: 'intercepted',
}

/** Main statuses in which the warehouse may still report progress. */
const fulfilling: readonly OrderStatus[] = ['pending_shipment']

export type FulfilmentResult =
  | { readonly ok: true; readonly fulfilment: Fulfilment; readonly changed: boolean }
  | { readonly ok: false; readonly code: 'CONFLICT'; readonly message: string }

/**
 * The sub-state after a warehouse report. Reports arrive at least once and out of order, so a
 * repeated or older one (picking after outbound) changes nothing rather than failing; only a
 * contradiction (outbound after an interception) is refused. `intercepting` is a main status of
 * its own in the proposal, and the WMS may still move while we ask it to stop, so it is accepted
 * like pending_shipment.
 */
export function advanceFulfilment(
  status: OrderStatus | 'intercepting',
  current: Fulfilment,
  step: FulfilmentStep,
): FulfilmentResult {
  const next = steps[current][step]
  if (next && (status === 'intercepting' || fulfilling.includes(status))) {
    return { ok: true, fulfilment: next, changed: true }
  }
  const wanted = target[step]
  const stale = wanted === current || (rank[wanted] < rank[current] && current !== 'intercepted')
  if (stale) return { ok: true, fulfilment: current, changed: false }
  const message = `warehouse step ${step} is not possible when ${current} in state ${status}`
  return { ok: false, code: 'CONFLICT', message }
}

export type AddressChange =
  | { readonly ok: true; readonly tellWms: boolean }
  | {
      readonly ok: false
      readonly code: 'ALREADY_OUTBOUND' | 'ILLEGAL_TRANSITION'
      readonly message: string
    }

const beforePayment: readonly (OrderStatus | 'intercepting')[] = [
  'pending_payment',
  'pending_deposit',
  'pending_balance',
]

/**
 * Whether the ship-to address may change (PATCH /v1/orders/:id/address): yes until the goods
 * leave the warehouse, and the WMS must hear of it once it holds the order; no after outbound
 * (409). An order being intercepted is on its way to cancelled, and a split parent's packages
 * each carry their own address, so both refuse.
 */
export function addressChange(
  status: OrderStatus | 'intercepting',
  fulfilment: Fulfilment,
): AddressChange {
  if (beforePayment.includes(status)) return { ok: true, tellWms: false }
  if (status === 'pending_shipment' && rank[fulfilment] < rank.outbound) {
    return { ok: true, tellWms: fulfilment !== 'not_pushed' }
  }
  if (status === 'pending_shipment' || status === 'pending_receipt' || status === 'completed') {
    return { ok: false, code: 'ALREADY_OUTBOUND', message: 'the goods have left the warehouse' }
  }
  const message = `the address cannot change in state ${status}`
  return { ok: false, code: 'ILLEGAL_TRANSITION', message }
}

/** How the warehouse's own audience reads the sub-state. */
export const fulfilmentLabels: Readonly<Record<Fulfilment, Readonly<Record<Perspective, Label>>>> =
  {
    not_pushed: row(['To ship', '待发货'], ['Not released', '未下发']),
    pushed: row(['To ship', '待发货'], ['To pick', '待拣货']),
    picking: row(['To ship', '待发货'], ['Packing', '打包中']),
    outbound: row(['Shipped', '已发货'], ['Outbound', '已出库']),
    intercepted: row(['Cancelled', '已取消'], ['Intercepted', '已拦截']),
  }

function row(
  [buyerEn, buyerZh]: readonly [string, string],
  [warehouseEn, warehouseZh]: readonly [string, string],
): Readonly<Record<Perspective, Label>> {
  const buyer = { en: buyerEn, zh: buyerZh }
  return { buyer, merchant: buyer, warehouse: { en: warehouseEn, zh: warehouseZh }, service: buyer }
}
