import type { Wms, WmsOrder } from '../src/adapters/wms'
import {
  advanceFulfilment,
  type Fulfilment,
  type FulfilmentStep,
} from '../src/domain/order-fulfilment'
import { fulfilmentGuards, type ReverseStatus } from '../src/domain/order-reverse'
import {
  cancelActionFor,
  fulfilmentAfter,
  interceptOutcome,
} from '../src/domain/order-reverse-effects'
import type { FulfilmentClaim, FulfilmentGate } from '../src/queues/fulfilment-gate'

/**
 * A stand-in for the order actor, built only from the proposal's pure parts, as the integration
 * plan wires them: one order's status and warehouse sub-state, the gate the queue consumer asks,
 * the buyer's cancel, and the warehouse's reports. Each method is one serialized step, as in the
 * actor.
 */
export class ReverseModel implements FulfilmentGate {
  status: ReverseStatus = 'pending_shipment'
  fulfilment: Fulfilment = 'not_pushed'
  version = 3
  /** Runs inside the first claim, after the order is marked pushed: a cancel racing the push. */
  onFirstClaim: (() => Promise<unknown>) | null = null

  constructor(
    private readonly order: WmsOrder,
    private readonly wms: Wms,
  ) {}

  async claim(): Promise<FulfilmentClaim> {
    if (this.status !== 'pending_shipment') return { kind: 'withdraw', reason: this.status }
    if (this.fulfilment === 'not_pushed') this.fulfilment = 'pushed'
    const race = this.onFirstClaim
    this.onFirstClaim = null
    if (race) await race()
    return { kind: 'push', order: { ...this.order, version: this.version } }
  }

  /** The buyer's cancel after payment: on the spot, through the WMS, or 409 INTERCEPT_FAILED. */
  async cancel(): Promise<{ ok: true } | { ok: false; code: string }> {
    const action = cancelActionFor(this.status, this.fulfilment)
    if (action === 'cancel_paid') {
      this.status = 'cancelled'
      return { ok: true }
    }
    const refused = fulfilmentGuards.in_warehouse(this)
    if (refused) return { ok: false, code: refused.code }
    this.status = 'intercepting'
    const outcome = interceptOutcome(await this.wms.intercept(this.order.orderId))
    this.fulfilment = fulfilmentAfter[outcome] ?? this.fulfilment
    this.status = outcome === 'intercept_succeeded' ? 'cancelled' : 'pending_shipment'
    return outcome === 'intercept_succeeded'
      ? { ok: true }
      : { ok: false, code: 'INTERCEPT_FAILED' }
  }

  /** What the warehouse routes report after moving the sandbox WMS. */
  report(step: FulfilmentStep): void {
    if (this.status === 'cancelled' || this.status === 'closed') return
    const r = advanceFulfilment(
      this.status === 'intercepting' ? 'intercepting' : 'pending_shipment',
      this.fulfilment,
      step,
    )
    if (r.ok) this.fulfilment = r.fulfilment
  }
}
