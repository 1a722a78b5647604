import { wmsAdapter } from '../../src/adapters/wms-provider'
import type { ActorRef, Order } from '../../src/domain/order'
import { planCancelLines } from '../../src/domain/partial-cancel/plan'
import {
  type CancelLinesRequest,
  cancelRequestHash,
  type PartialCancel,
} from '../../src/domain/partial-cancel/record'
import { partialCancelPayload } from '../../src/domain/partial-cancel/view'
import { wmsOrderOf } from '../../src/domain/wms-order'
import { type Failure, fail } from '../../src/errors'
import { afterSaleFailure } from './after-sales/failures'
import type { EffectTask } from './effects'
import { cancelAction } from './fulfilment'
import type { OrderDeps } from './runtime'

export interface CancelLinesInput extends CancelLinesRequest {
  readonly by: ActorRef
  readonly idempotencyKey: string
}

/**
 * What a cancel of some units came to: `partial` (recorded now), `replayed` (this key did it
 * before), or `whole` (nothing was left to ship, so the whole order was cancelled).
 */
export type CancelLinesOutcome =
  | { readonly ok: true; readonly kind: 'partial' | 'replayed' | 'whole'; readonly order: Order }
  | Failure

const keyReused = () =>
  fail('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key cancelled other lines of this order')

/** The event a whole cancel by cancel-lines leaves, so a retry of it is answered, not refused. */
export const wholeCancelNote = 'cancel_lines_whole'

/** A retry of an earlier cancel-lines with this key: the order now, or 409 for another body. */
function replayOf(
  deps: OrderDeps,
  order: Order,
  input: CancelLinesInput,
): CancelLinesOutcome | null {
  const hash = cancelRequestHash(input)
  const earlier = order.partialCancels?.find((pc) => pc.idempotencyKey === input.idempotencyKey)
  if (earlier)
    return earlier.requestHash === hash ? { ok: true, kind: 'replayed', order } : keyReused()
  const whole = deps.store
    .events()
    .find((e) => e.action === wholeCancelNote && e.payload.idempotencyKey === input.idempotencyKey)
  if (!whole) return null
  return whole.payload.requestHash === hash ? { ok: true, kind: 'replayed', order } : keyReused()
}

const base = (order: Order) => ({ orderId: order.id, userId: order.userId })

/** The refund of each payment part, the points back and the units back on sale, once each. */
function tasksOf(order: Order, pc: PartialCancel): EffectTask[] {
  const refunds = pc.payouts.flatMap((p): EffectTask[] => {
    const payment = order.payments?.find((x) => x.paymentId === p.paymentId)
    if (!payment) return []
    const refund = {
      idempotencyKey: `pc:${order.id}:${pc.id}:${p.paymentId}`,
      paymentId: p.paymentId,
      sessionId: payment.sessionId,
      amount: p.amount,
      currency: order.currency,
      reason: 'PARTIAL_CANCEL',
      ledgerKind: 'refund' as const,
    }
    return [{ ...base(order), kind: 'refund', refund }]
  })
  const restocks = pc.lines.flatMap((l): EffectTask[] => {
    const line = order.stock.find((s) => s.lineNo === l.lineNo)
    if (!line) return []
    return [
      {
        ...base(order),
        kind: 'stock_restock',
        line,
        qty: l.qty,
        opId: `${order.id}-${pc.id}-l${l.lineNo}`,
      },
    ]
  })
  const points: EffectTask[] =
    pc.points > 0
      ? [
          {
            ...base(order),
            kind: 'wallet_restore_points',
            points: pc.points,
            opId: `pc:${order.id}:${pc.id}`,
          },
        ]
      : []
  return [...refunds, ...points, ...restocks]
}

/**
 * Once the WMS holds the order it is told first, with the units still to ship under the next
 * version, so it never packs a cancelled unit; goods already outbound refuse the cancel (409).
 */
async function tellWarehouse(deps: OrderDeps, next: Order): Promise<Failure | null> {
  const stage = next.fulfilment ?? 'not_pushed'
  if (stage === 'not_pushed') return null
  const sent = await wmsAdapter(deps.env).push(wmsOrderOf(next))
  const took =
    sent.ok &&
    sent.version === next.version &&
    sent.state !== 'outbound' &&
    sent.state !== 'intercepted'
  if (took) return null
  const message = 'the goods have left the warehouse: return them after delivery instead'
  return fail('CONFLICT', message, {
    state: next.status,
    action: 'cancel_lines',
    fulfilment: stage,
  })
}

/**
 * Cancelling every unit left is the order's own cancel (on the spot, or by interception once
 * the warehouse holds it), refunding what partial cancels left on each payment, freight too.
 * The key is noted in the same transaction, so a retry is answered with the order.
 */
function cancelWhole(deps: OrderDeps, order: Order, input: CancelLinesInput): CancelLinesOutcome {
  const payload = { idempotencyKey: input.idempotencyKey, requestHash: cancelRequestHash(input) }
  const note = () => void deps.ledger.note(wholeCancelNote, payload, { by: input.by })
  const by = { by: input.by, reason: input.reason }
  const done = deps.ledger.transition(order, cancelAction(order), by, { alsoInTx: note })
  if (!done.ok) return done
  return { ok: true, kind: 'whole', order: deps.store.load()?.order ?? done.order }
}

/**
 * Cancels some units of a paid, unshipped order in one transaction: the record on the order,
 * its event (with the refund, for D1's history) and its refunds, points and restocks queued.
 */
export async function cancelLinesIn(
  deps: OrderDeps,
  order: Order,
  input: CancelLinesInput,
): Promise<CancelLinesOutcome> {
  const replayed = replayOf(deps, order, input)
  if (replayed) return replayed
  const now = Date.now()
  const id = `pc${(order.partialCancels?.length ?? 0) + 1}`
  const planned = planCancelLines(order, {
    id,
    idempotencyKey: input.idempotencyKey,
    request: input,
    by: input.by,
    now,
  })
  if (!planned.ok) {
    if (planned.code === 'RATE_LIMITED')
      return fail('RATE_LIMITED', planned.message, planned.details)
    return afterSaleFailure({ ...planned, details: { ...planned.details } }, input.lines)
  }
  if (planned.value.kind === 'whole') return cancelWhole(deps, order, input)
  const pc = planned.value.record
  const partialCancels = [...(order.partialCancels ?? []), pc]
  const refused = await tellWarehouse(deps, {
    ...order,
    partialCancels,
    version: order.version + 1,
  })
  if (refused) return refused
  const next = deps.storage.transactionSync(() => {
    const saved = deps.ledger.note(
      'cancel_lines',
      { ...partialCancelPayload(pc), idempotencyKey: input.idempotencyKey },
      { patch: { partialCancels }, by: input.by },
    )
    for (const task of tasksOf(order, pc)) deps.ledger.queue(task)
    return saved
  })
  return next ? { ok: true, kind: 'partial', order: next } : fail('NOT_FOUND', 'no such order')
}
