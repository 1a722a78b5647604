import { wmsAdapter } from '../../src/adapters/wms-provider'
import { addressChangeRefusal } from '../../src/checkout/address-change'
import type { ActorRef, Address, Order, Shipment } from '../../src/domain/order'
import { addressChange, advanceFulfilment } from '../../src/domain/order-fulfilment'
import { cancelActionFor } from '../../src/domain/process/cancel-action'
import type { OrderAction } from '../../src/domain/process/order-types'
import type { FulfilmentClaim } from '../../src/domain/wms-order'
import { wmsOrderOf } from '../../src/domain/wms-order'
import type { Env } from '../../src/env'
import { fail, type Result } from '../../src/errors'
import type { OrderLedger } from './ledger'
import { orderMessage } from './messages'
import type { OrderStore } from './store'

export interface FulfilmentDeps {
  readonly env: Env
  readonly storage: DurableObjectStorage
  readonly store: OrderStore
  readonly ledger: OrderLedger
}

/** Address changes one order takes: enough for a real mistake, not a way to grow it forever. */
export const MAX_ADDRESS_CHANGES = 10

const stage = (o: Order) => o.fulfilment ?? 'not_pushed'

/**
 * The queue consumer asks before pushing an order to the WMS. A paid order not yet pushed is
 * marked pushed in the same transaction as the yes, so a cancel after this intercepts; anything
 * no longer waiting for shipment is withdrawn.
 */
export function claimFulfilment(
  deps: FulfilmentDeps,
  order: Order,
): Result<{ claim: FulfilmentClaim }> {
  if (order.status !== 'pending_shipment' || order.children) {
    return { ok: true, claim: { kind: 'withdraw', reason: `the order is ${order.status}` } }
  }
  const f = stage(order)
  if (f === 'outbound' || f === 'intercepted') {
    return { ok: true, claim: { kind: 'withdraw', reason: `the order is ${f}` } }
  }
  const pushed =
    f === 'not_pushed'
      ? deps.storage.transactionSync(() =>
          deps.ledger.note('pushed_to_warehouse', {}, { patch: { fulfilment: 'pushed' } }),
        )
      : order
  return { ok: true, claim: { kind: 'push', order: wmsOrderOf(pushed ?? order) } }
}

/** Which action the caller's "cancel" is now: before payment, paid not pushed, or in a warehouse. */
export function cancelAction(order: Order): OrderAction {
  return cancelActionFor(order.status, stage(order))
}

/**
 * A warehouse report: picking moves the sub-state; outbound also ships the order with the
 * carrier and tracking number. Repeated or late reports change nothing; outbound while an
 * interception is in flight is refused (409) so it is repeated, not lost.
 */
export function warehouseReport(
  deps: FulfilmentDeps,
  order: Order,
  by: ActorRef,
  step: 'pick' | 'outbound',
  shipment?: Shipment,
): Result<{ order: Order }> {
  // The interception asks the WMS, which knows the goods left: it will fail and put the order
  // back to pending_shipment, where this scan, repeated, ships it with its tracking number.
  if (step === 'outbound' && order.status === 'intercepting') {
    const message = 'the order is being intercepted; report outbound again once that is answered'
    return fail('CONFLICT', message, { state: order.status, action: 'outbound', retry: true })
  }
  const moved = advanceFulfilment(order.status, stage(order), step)
  if (!moved.ok) return fail('CONFLICT', moved.message)
  return deps.storage.transactionSync(() => {
    // Goods leaving ship the order: the ship event says so (it sets the sub-state to outbound),
    // so no separate note is written, in the actor or in D1's history.
    if (step === 'outbound' && order.status === 'pending_shipment') {
      const left = { ...order, fulfilment: moved.fulfilment }
      return deps.ledger.transition(left, 'ship', { by, ...(shipment ? { shipment } : {}) }, {})
    }
    const noted = moved.changed
      ? deps.ledger.note(`warehouse_${step}`, {}, { patch: { fulfilment: moved.fulfilment }, by })
      : order
    return { ok: true, order: noted ?? order }
  })
}

/**
 * A new ship-to address: allowed until the goods leave the warehouse (409 after). Once the WMS
 * holds the order it is told first, so the label it prints is never the old address.
 */
export async function changeAddress(
  deps: FulfilmentDeps,
  order: Order,
  by: ActorRef,
  address: Address,
): Promise<Result<{ order: Order }>> {
  const rule = addressChange(order.status, stage(order))
  if (!rule.ok) {
    const code = rule.code === 'ALREADY_OUTBOUND' ? 'CONFLICT' : 'ILLEGAL_TRANSITION'
    return fail(code, rule.message, { state: order.status, action: 'change_address' })
  }
  const changes = deps.store.events().filter((e) => e.action === 'address_changed').length
  if (changes >= MAX_ADDRESS_CHANGES) {
    const message = `this order's address was changed ${changes} times; no more changes`
    return fail('RATE_LIMITED', message, { action: 'change_address', limit: MAX_ADDRESS_CHANGES })
  }
  const refused = await addressChangeRefusal(deps.env, order, address)
  if (refused) return refused
  if (rule.tellWms) {
    const told = await wmsAdapter(deps.env).changeAddress(order.id, address, order.version + 1)
    if (!told.ok) return fail('CONFLICT', told.message, { wms: told.code })
  }
  const changed = deps.storage.transactionSync(() => {
    const next = deps.ledger.note(
      'address_changed',
      { region: address.region },
      { patch: { address }, by },
    )
    if (next && rule.tellWms) {
      const message = orderMessage(next, 'order.address_changed', Date.now())
      deps.ledger.queue({ kind: 'publish', orderId: next.id, userId: next.userId, message })
    }
    return next
  })
  return changed ? { ok: true, order: changed } : fail('NOT_FOUND', 'no such order')
}
