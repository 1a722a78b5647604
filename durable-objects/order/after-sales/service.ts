import { openAfterSale } from '../../../src/domain/after-sale/open'
import { openAfterSaleTypes } from '../../../src/domain/after-sale/order-state'
import { afterSaleRow } from '../../../src/domain/after-sale/projection'
import {
  needsReturnAddress,
  type ReturnAddress,
} from '../../../src/domain/after-sale/return-address'
import { type ReturnReason, returnReasons } from '../../../src/domain/after-sale/return-freight'
import type { Json, Order } from '../../../src/domain/order'
import { type AfterSaleType, afterSaleTypes } from '../../../src/domain/process/after-sale-types'
import { decide } from '../../../src/domain/process/decide'
import { afterSaleProcessFor } from '../../../src/domain/process/registry'
import { parseTimerKey } from '../../../src/domain/process/timer-keys'
import { type Role, roles } from '../../../src/domain/process/types'
import type { Env } from '../../../src/env'
import { fail, type Result } from '../../../src/errors'
import { errorFields, log } from '../../../src/http/log'
import { newId } from '../../../src/ids'
import { findReturnAddress } from '../../../src/store/catalog'
import { commitTransition } from '../../shared/transition'
import type { EffectTask } from '../effects'
import { afterSaleFailure } from './failures'
import { createAfterSaleRecords, type StoredAfterSale } from './records'
import { sendReplacement } from './replacement'
import { type ActionAsk, askOf } from './requests'
import { type AfterSaleDeps, applyAfterSaleStep, refundSettled } from './step'
import { afterSaleTimers, timerAction } from './timers'
import { type AfterSaleView, afterSaleView } from './view'

/**
 * After-sales inside the order actor: each after-sale is a record in the order's own storage,
 * moved by its own process table (src/domain/after-sale), its events in the order's log, its
 * timers on the order's alarm, its refunds and restocks in the order's effects queue.
 */
export type { AfterSaleDeps } from './step'
export type { AfterSaleView } from './view'

export interface AfterSaleRequest {
  readonly by: { readonly role: string; readonly id: string; readonly storeId?: string | null }
  readonly type: string
  readonly lines: readonly { readonly lineNo: number; readonly qty: number }[]
  readonly reason: string
  /** Why, as a code: who bears the return freight follows it. */
  readonly reasonCode?: string
}

type Answer = Result<{ afterSale: AfterSaleView }>
type By = { readonly role: Role; readonly id: string }

const isRole = (r: string): r is Role => (roles as readonly string[]).includes(r)
const isType = (t: string): t is AfterSaleType => (afterSaleTypes as readonly string[]).includes(t)
const isReason = (r: string): r is ReturnReason => (returnReasons as readonly string[]).includes(r)

const answer = (stored: StoredAfterSale): Answer => ({ ok: true, afterSale: afterSaleView(stored) })

/**
 * The store's return address, read when goods are to come back, so that an approval naming none
 * (the review timer's above all) still tells the buyer where to send them. Read before the
 * after-sale's mutation starts, so no D1 round trip holds the order's other changes back.
 * Unreadable, it is treated as absent: the after-sale opens, and the reviewer gives the address.
 */
export async function returnAddressOnFile(
  env: Env,
  order: Order | null,
  type: string,
): Promise<ReturnAddress | null> {
  const storeId = order?.storeId
  if (!storeId || !needsReturnAddress(type)) return null
  try {
    return await findReturnAddress(env.DB, storeId)
  } catch (error) {
    log(env, 'warn', 'return address unreadable', { storeId, ...errorFields(error) })
    return null
  }
}

/**
 * Opens an after-sale. The actor runs one request at a time, so the check that every unit asked
 * for is still free and the record that takes it commit together: of two requests for the last
 * unit, the second finds it held and is refused (409).
 */
export async function openAfterSaleIn(
  deps: AfterSaleDeps,
  request: AfterSaleRequest,
  storeReturnAddress: ReturnAddress | null = null,
): Promise<Answer> {
  const order = deps.store.load()?.order
  if (!order) return fail('NOT_FOUND', 'no such order')
  const { role, id } = request.by
  if (!isRole(role)) return fail('FORBIDDEN', `role ${role} may not open an after-sale`)
  if (!isType(request.type)) return fail('VALIDATION_FAILED', `json type: ${request.type}`)
  const reasonCode = request.reasonCode
  if (reasonCode !== undefined && !isReason(reasonCode)) {
    return fail('VALIDATION_FAILED', `json reasonCode: ${reasonCode}`)
  }
  const records = createAfterSaleRecords(deps.storage.sql)
  const opened = openAfterSale({
    id: newId('as'),
    order,
    existing: records.all().map((s) => s.record),
    type: request.type,
    lines: request.lines,
    reason: request.reason,
    ...(reasonCode ? { reasonCode } : {}),
    by: { role, id },
    now: Date.now(),
  })
  if (!opened.ok) return afterSaleFailure(opened, request.lines)
  const a = { ...opened.value.afterSale, storeReturnAddress }
  const stored: StoredAfterSale = { record: a, payouts: [], rejectReason: null }
  const lines = a.lines.map((l) => ({ lineNo: l.lineNo, qty: l.qty }))
  const payload = { afterSaleId: a.id, type: a.type, lines, reason: a.reason }
  const transaction = <X>(fn: () => X): X => deps.storage.transactionSync(fn)
  const initial = { disarm: [], arm: opened.value.arm }
  commitTransition(transaction, afterSaleTimers(deps, a.id, a.createdAt), initial, () => {
    records.insert(stored)
    const afterSales = [afterSaleRow(order, a)]
    const patch = { openAfterSales: openAfterSaleTypes(records.all().map((s) => s.record)) }
    deps.ledger.note('after_sale.open', payload, { by: { role, id }, afterSales, patch })
  })
  return answer(stored)
}

/**
 * An exchange's replacement leaves: the order for it is created (stock reserved, paid zero) before
 * the after-sale moves, so a refusal (no stock) leaves the after-sale waiting to try again.
 */
async function sendExchange(deps: AfterSaleDeps, stored: StoredAfterSale, by: By): Promise<Answer> {
  const a = stored.record
  const d = decide(afterSaleProcessFor(a.type), a.status, 'send_exchange', by.role, a)
  if (!d.ok) return afterSaleFailure(d)
  const order = deps.store.load()?.order
  if (!order) return fail('NOT_FOUND', 'no such order')
  const records = createAfterSaleRecords(deps.storage.sql)
  const sent = await sendReplacement(deps.env, order, a, records.ordinal(a.id))
  if (!sent.ok) return sent
  const patch = { replacementOrderId: sent.orderId }
  const fresh = records.get(a.id) ?? stored
  const payload = { replacementOrderId: sent.orderId }
  const step = applyAfterSaleStep(deps, {
    stored: fresh,
    action: 'send_exchange',
    by,
    patch,
    payload,
  })
  return step.ok ? answer(step.stored) : step
}

/** A person's action on one after-sale: approve, reject, ship back, receive, send the exchange. */
export async function afterSaleActionIn(
  deps: AfterSaleDeps,
  input: {
    readonly by: AfterSaleRequest['by']
    readonly afterSaleId: string
    readonly action: string
    readonly payload: { [k: string]: Json }
  },
): Promise<Answer> {
  const records = createAfterSaleRecords(deps.storage.sql)
  const stored = records.get(input.afterSaleId)
  if (!stored) return fail('NOT_FOUND', 'no such after-sale')
  const { role, id } = input.by
  if (!isRole(role)) return fail('FORBIDDEN', `role ${role} may not ${input.action}`)
  const ask: Result<ActionAsk> = askOf(input.action, input.payload)
  if (!ask.ok) return ask
  const by = { role, id }
  if (ask.action === 'send_exchange') return sendExchange(deps, stored, by)
  const step = applyAfterSaleStep(deps, { ...ask, stored, by })
  return step.ok ? answer(step.stored) : step
}

/**
 * A refund only that a merchant (or customer service) starts for the buyer: opened and approved
 * by the same caller, one after the other inside the actor's queue, so nothing interleaves. An
 * approval the refund refuses leaves it awaiting review, where its timer approves it later.
 */
export async function startRefundIn(
  deps: AfterSaleDeps,
  request: Omit<AfterSaleRequest, 'type'>,
): Promise<Answer> {
  const opened = await openAfterSaleIn(deps, { ...request, type: 'refund_only' })
  if (!opened.ok) return opened
  const approve = { by: request.by, afterSaleId: opened.afterSale.id, action: 'approve' }
  const approved = await afterSaleActionIn(deps, { ...approve, payload: {} })
  return approved.ok ? approved : opened
}

export function afterSalesOf(deps: AfterSaleDeps): AfterSaleView[] {
  return createAfterSaleRecords(deps.storage.sql).all().map(afterSaleView)
}

/**
 * A due after-sale timer: the merchant's review lapsed (approve) or the return was never sent
 * (close). One its state no longer allows (approved in time, goods on their way) is spent.
 */
export function fireAfterSaleTimer(deps: AfterSaleDeps, kind: string): void {
  const ref = parseTimerKey(kind)
  const parsed = ref?.owner === 'after_sale' ? ref : null
  deps.storage.transactionSync(() => {
    deps.store.timers.clear(kind)
    const stored = parsed ? createAfterSaleRecords(deps.storage.sql).get(parsed.afterSaleId) : null
    const action = stored && parsed ? timerAction(stored.record.type, parsed.kind) : null
    if (!stored || !parsed || !action) return
    const by = { role: 'system' as const, id: `timer:${parsed.kind}` }
    applyAfterSaleStep(deps, { stored, action, by })
  })
}

/**
 * A refund, restock or points effect of an after-sale finished; the caller holds the
 * transaction. Each confirmed refund part is marked paid out; the last one moves the after-sale
 * to succeeded (and may close the order). Restocks and points need no answer.
 */
export function afterSaleEffectDone(deps: AfterSaleDeps, task: EffectTask): void {
  const paymentId = task.refund?.paymentId
  if (task.kind !== 'refund' || !paymentId || !task.afterSaleId) return
  const records = createAfterSaleRecords(deps.storage.sql)
  const stored = records.get(task.afterSaleId)
  if (!stored) return
  const payouts = stored.payouts.map((p) => (p.paymentId === paymentId ? { ...p, done: true } : p))
  const next = { ...stored, payouts }
  records.save(next)
  if (payouts.every((p) => p.done) && next.record.status === 'pending_refund') {
    refundSettled(deps, next)
  }
}
