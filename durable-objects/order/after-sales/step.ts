import { openAfterSaleTypes } from '../../../src/domain/after-sale/order-state'
import { afterSaleRow } from '../../../src/domain/after-sale/projection'
import {
  type AfterSale,
  type AfterSalePatch,
  advanceAfterSale,
  commitsRefund,
} from '../../../src/domain/after-sale/record'
import { planRefund, type RefundPlan } from '../../../src/domain/after-sale/refund-amounts'
import { approvalAddress } from '../../../src/domain/after-sale/return-address'
import type { ReturnFreightSettlement } from '../../../src/domain/after-sale/return-freight'
import { refundBasisOf } from '../../../src/domain/after-sale/usage'
import type { Json, Order } from '../../../src/domain/order'
import type { AfterSaleAction } from '../../../src/domain/process/after-sale-types'
import { decide } from '../../../src/domain/process/decide'
import { afterSaleProcessFor } from '../../../src/domain/process/registry'
import type { Role } from '../../../src/domain/process/types'
import type { Env } from '../../../src/env'
import { fail, type Result } from '../../../src/errors'
import { commitTransition } from '../../shared/transition'
import type { OrderLedger } from '../ledger'
import type { OrderStore } from '../store'
import { payoutsFor, tasksOnEntering } from './effects'
import { afterSaleFailure } from './failures'
import { createAfterSaleRecords, type Payout, type StoredAfterSale } from './records'
import {
  foreignFreight,
  missingAddress,
  recordedFreight,
  withReturnFreight,
} from './return-details'
import { afterSaleTimers } from './timers'

/** What the after-sale module needs of the order actor: its storage, rows, ledger and env. */
export interface AfterSaleDeps {
  readonly env: Env
  readonly storage: DurableObjectStorage
  readonly store: OrderStore
  readonly ledger: OrderLedger
}

export type Payload = { [k: string]: Json }

export interface StepInput {
  readonly stored: StoredAfterSale
  readonly action: AfterSaleAction
  readonly by: { readonly role: Role; readonly id: string }
  readonly patch?: AfterSalePatch
  readonly rejectReason?: string
  /** More for the event's payload (a tracking number, a reason). */
  readonly payload?: Payload
}

type Step = Result<{ stored: StoredAfterSale }>
type Refund = {
  readonly plan: RefundPlan
  readonly payouts: Payout[]
  readonly freight: ReturnFreightSettlement | null
} | null

/**
 * The refund that commits with this step, computed now with the units refunded by then (an
 * earlier estimate could differ by a minor unit), and split over the order's payments.
 */
function refundFor(
  deps: AfterSaleDeps,
  order: Order,
  a: AfterSale,
  patch: AfterSalePatch | undefined,
): Result<{ refund: Refund }> {
  const others = createAfterSaleRecords(deps.storage.sql)
    .all()
    .filter((s) => s.record.id !== a.id)
  const plan = planRefund(
    refundBasisOf(
      order,
      others.map((s) => s.record),
      a.id,
    ),
    a.lines,
  )
  if (!plan.ok) return afterSaleFailure(plan, a.lines)
  const freight = withReturnFreight(order, others, a, plan.value, patch)
  const payouts = payoutsFor(order, others, freight.plan.total)
  if (!payouts.ok) return afterSaleFailure(payouts)
  return {
    ok: true,
    refund: { plan: freight.plan, payouts: payouts.value, freight: freight.settled },
  }
}

/**
 * The refund paid out in full closes the original when it was the last of its units (planRefund's
 * closesOrder). An order that cannot close any more (closed already) says so on its record.
 */
function closeOrder(deps: AfterSaleDeps, afterSaleId: string): void {
  const current = deps.store.load()
  if (!current) return
  const by = { role: 'system' as const, id: `after_sale:${afterSaleId}` }
  const closed = deps.ledger.transition(current.order, 'close', { by }, {})
  if (!closed.ok) {
    deps.ledger.note('after_sale.close_refused', { afterSaleId, reason: closed.code }, { by })
  }
}

/** The action's patch with the address an approval records (the store's when it names none). */
function withReturnAddress(a: AfterSale, input: StepInput): AfterSalePatch | undefined {
  const address = approvalAddress(
    a.type,
    input.action,
    input.patch?.returnAddress,
    a.storeReturnAddress,
  )
  return address ? { ...input.patch, returnAddress: address } : input.patch
}

/**
 * One after-sale action as one transaction: decide it by the after-sale's table, fix the refund
 * if this is where it commits, save the record, move its timers, queue its effects, append
 * `after_sale.<action>` to the order's log with the D1 row beside it. A refund with nothing to
 * pay through the provider (points and coupons paid it all) succeeds on the spot.
 */
export function applyAfterSaleStep(deps: AfterSaleDeps, input: StepInput): Step {
  const order = deps.store.load()?.order
  if (!order) return fail('NOT_FOUND', 'no such order')
  const a = input.stored.record
  const d = decide(afterSaleProcessFor(a.type), a.status, input.action, input.by.role, a)
  if (!d.ok) return afterSaleFailure(d)
  const asked = withReturnAddress(a, input)
  const refused =
    missingAddress(a, input.action, input.by.role, asked) ?? foreignFreight(order, asked)
  if (refused) return refused
  const committing = commitsRefund(a, d.to)
  const fixed = committing ? refundFor(deps, order, a, asked) : { ok: true as const, refund: null }
  if (!fixed.ok) return fixed
  const now = Date.now()
  const settled = fixed.refund ? fixed.refund.freight : recordedFreight(a, asked)
  const patch = {
    ...asked,
    ...(fixed.refund ? { refund: fixed.refund.plan } : {}),
    ...(settled ? { returnFreightSettled: settled } : {}),
  }
  const stored: StoredAfterSale = {
    record: advanceAfterSale(a, d, patch, now),
    payouts: fixed.refund?.payouts ?? input.stored.payouts,
    rejectReason: input.rejectReason ?? input.stored.rejectReason,
  }
  const payload = { afterSaleId: a.id, from: d.from, to: d.to, ...input.payload }
  let result: Step = { ok: true, stored }
  const transaction = <X>(fn: () => X): X => deps.storage.transactionSync(fn)
  commitTransition(transaction, afterSaleTimers(deps, a.id, now), d, () => {
    const records = createAfterSaleRecords(deps.storage.sql)
    records.save(stored)
    for (const task of tasksOnEntering(order, stored, d.to, committing)) deps.ledger.queue(task)
    const afterSales = [afterSaleRow(order, stored.record)]
    const patch = { openAfterSales: openAfterSaleTypes(records.all().map((s) => s.record)) }
    deps.ledger.note(`after_sale.${input.action}`, payload, { by: input.by, afterSales, patch })
    if (input.action === 'refund' && stored.record.refund?.closesOrder) closeOrder(deps, a.id)
    if (committing && stored.payouts.length === 0) result = refundSettled(deps, stored)
  })
  return result
}

/** Every payment part confirmed (or none was needed): the after-sale succeeds. */
export function refundSettled(deps: AfterSaleDeps, stored: StoredAfterSale): Step {
  const by = { role: 'system' as const, id: `after_sale:${stored.record.id}` }
  return applyAfterSaleStep(deps, { stored, action: 'refund', by })
}
