import { paymentProvider } from '../../src/adapters/provider'
import { wmsAdapter } from '../../src/adapters/wms-provider'
import type { LedgerEntry } from '../../src/domain/ledger-entry'
import type { StockLine } from '../../src/domain/order'
import type { EffectKind } from '../../src/domain/order-effects'
import type { OrderEventMessage } from '../../src/domain/order-events'
import { interceptOutcome } from '../../src/domain/process/cancel-action'
import type { Env } from '../../src/env'
import { commitLine, releaseLine, restockLine } from '../stock/client'
import { walletOf } from '../wallet/client'

/** Money to give back through the provider; the key makes a retried refund move money once. */
export interface RefundOrder {
  readonly idempotencyKey: string
  readonly paymentId: string
  readonly sessionId: string
  readonly amount: number
  readonly currency: string
  readonly reason: string
  readonly ledgerKind: 'refund' | 'late_payment_refund'
  /** Set when this refund gives back a held payment, so its ledger row settles the hold. */
  readonly heldPaymentId?: string
}

/** One queued side effect of a committed transition. */
export interface EffectTask {
  readonly kind: EffectKind | 'refund'
  readonly orderId: string
  readonly userId: string
  readonly line?: StockLine
  readonly refund?: RefundOrder
  /** wallet_restore_points: how many, under which operation id (once per id). */
  readonly points?: number
  /** An operation id that makes the effect happen once (restock of a return, points back). */
  readonly opId?: string
  /** stock_restock: units to put back, when fewer than the line (a partial return). */
  readonly qty?: number
  /** Set when an after-sale queued this effect, so its completion reaches that after-sale. */
  readonly afterSaleId?: string
  /** publish: the message for the order-events queue. */
  readonly message?: OrderEventMessage
  /** notify_parent: the child's news for its parent. */
  readonly notify?: { readonly parentId: string; readonly status: string; readonly paid: number }
  /** close_sibling: the unpaid child of this split parent to cancel, and why. */
  readonly close?: { readonly childId: string; readonly reason: string }
}

/**
 * done: remove it (with ledger rows to book, for money that moved); retry: try again later;
 * shortfall: it can never succeed, say so on the record.
 */
export type EffectOutcome =
  | { kind: 'done'; ledger?: LedgerEntry[]; followUp?: 'intercept_succeeded' | 'intercept_failed' }
  | { kind: 'retry' }
  | { kind: 'shortfall'; reason: string }

const done: EffectOutcome = { kind: 'done' }
const retry: EffectOutcome = { kind: 'retry' }

function lineRequest(task: EffectTask, line: StockLine) {
  return {
    // A gift's units are held apart from the order's own, under the holder its line names.
    orderId: line.holderId ?? task.orderId,
    userId: task.userId,
    skuId: line.skuId,
    warehouseId: line.warehouseId,
    buckets: line.buckets,
    ...(line.perBuyerLimit === null ? {} : { perBuyerLimit: line.perBuyerLimit }),
  }
}

async function stockEffect(env: Env, task: EffectTask, line: StockLine): Promise<EffectOutcome> {
  const req = lineRequest(task, line)
  if (task.kind === 'stock_release') {
    const r = await releaseLine(env.STOCK_ACTOR, { ...req, allocations: [...line.allocations] })
    return r.ok ? done : retry
  }
  if (task.kind === 'stock_restock') {
    // A return restocks what came back, under its own operation id, once.
    const opId = task.opId ?? `${task.orderId}-l${line.lineNo}-restock`
    const r = await restockLine(env.STOCK_ACTOR, { ...req, opId, qty: task.qty ?? line.qty })
    return r.ok ? done : retry
  }
  if (line.allocations.length === 0) return { kind: 'shortfall', reason: 'NOT_RESERVED' }
  const r = await commitLine(env.STOCK_ACTOR, { ...req, allocations: [...line.allocations] })
  if (r.ok) return done
  // The hold lapsed and its units were sold on: retrying cannot bring them back.
  return r.code === 'INVALID_REQUEST' ? retry : { kind: 'shortfall', reason: r.code }
}

async function refundEffect(env: Env, task: EffectTask, r: RefundOrder): Promise<EffectOutcome> {
  const res = await paymentProvider(env).refund({
    idempotencyKey: r.idempotencyKey,
    paymentId: r.paymentId,
    amount: r.amount,
    currency: r.currency,
    reason: r.reason,
    orderId: task.orderId,
  })
  if (!res.ok) {
    const permanent = res.code === 'REFUND_EXCEEDS_PAYMENT' || res.code === 'PAYMENT_NOT_FOUND'
    return permanent ? { kind: 'shortfall', reason: res.code } : retry
  }
  const entry: LedgerEntry = {
    orderId: task.orderId,
    parentOrderId: null,
    kind: r.ledgerKind,
    providerRef: res.refundId,
    sessionId: r.sessionId,
    amount: r.amount,
    currency: r.currency,
    status: 'succeeded',
    at: Date.now(),
    note: r.reason,
    ...(r.heldPaymentId
      ? { settles: { paymentId: r.heldPaymentId, as: 'refunded' as const } }
      : {}),
  }
  return { kind: 'done', ledger: [entry] }
}

async function notifyParent(
  env: Env,
  task: EffectTask,
  news: NonNullable<EffectTask['notify']>,
): Promise<EffectOutcome> {
  const parent = env.ORDER_ACTOR.get(env.ORDER_ACTOR.idFromName(news.parentId))
  const r = await parent.childChanged({
    childId: task.orderId,
    status: news.status,
    paid: news.paid,
  })
  return r.ok ? done : retry
}

/**
 * Cancels an unpaid sibling of a child paid alone. A refusal (the sibling was paid or closed in
 * the meantime) is an answer, not a failure: there is nothing left to close.
 */
async function closeSibling(
  env: Env,
  task: EffectTask,
  close: NonNullable<EffectTask['close']>,
): Promise<EffectOutcome> {
  const child = env.ORDER_ACTOR.get(env.ORDER_ACTOR.idFromName(close.childId))
  const by = { role: 'system' as const, id: `split:${task.orderId}` }
  await child.perform('cancel', { by, reason: close.reason })
  return done
}

/** Runs one effect; every call it makes is idempotent per order, so a retry is always safe. */
export async function runEffect(env: Env, task: EffectTask): Promise<EffectOutcome> {
  try {
    if (task.refund) return await refundEffect(env, task, task.refund)
    if (task.line) return await stockEffect(env, task, task.line)
    if (task.notify) return await notifyParent(env, task, task.notify)
    if (task.close) return await closeSibling(env, task, task.close)
    if (task.message) {
      await env.ORDER_EVENTS.send(task.message)
      return done
    }
    if (task.kind === 'wms_intercept') {
      const answer = await wmsAdapter(env).intercept(task.orderId)
      return { kind: 'done', followUp: interceptOutcome(answer) }
    }
    const wallet = walletOf(env, task.userId)
    if (task.kind === 'wallet_restore_points') {
      const r = await wallet.restorePoints(task.orderId, task.points ?? 0, task.opId)
      return r.ok ? done : retry
    }
    const r =
      task.kind === 'wallet_consume'
        ? await wallet.consume(task.orderId)
        : await wallet.release(task.orderId)
    if (r.ok || r.code === 'NOT_FOUND') return done
    // Consuming what was already released cannot be fixed by retrying: put it on the record.
    return r.code === 'CONFLICT' ? { kind: 'shortfall', reason: `WALLET_${r.code}` } : retry
  } catch {
    return retry
  }
}
