import { formatMoney } from '../domain/money'
import type { PaymentEvent } from './payment-events'
import {
  type OpenSessionInput,
  type PaymentSession,
  type ProviderResult,
  providerFailure,
} from './payment-provider'
import {
  isAmount,
  isCurrency,
  type SandboxContext,
  type SandboxDelivery,
  sandboxId,
  signedWebhook,
  unixSeconds,
} from './sandbox-payment-context'

export interface CompleteOptions {
  /** Pays this many minor units instead of the session amount, to rehearse a mismatch. */
  readonly amountOverride?: number
  /** Declines the attempt: a `payment.failed` event, no money moved, the session stays open. */
  readonly fail?: boolean
}

interface SessionRow {
  id: string
  order_id: string
  amount: number
  currency: string
  status: 'open' | 'paid'
  payment_id: string | null
  paid_amount: number | null
  event_id: string | null
  paid_at: number | null
}

const insertSessionSql = `INSERT OR IGNORE INTO sandbox_sessions (id, session_key, order_id,
  amount, currency, description, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`

const sessionColumns = `id, order_id, amount, currency, status, payment_id, paid_amount, event_id,
  paid_at`

// Only the first completion moves the session; the statement row is copied from whichever
// completion won, so a race between two completions still books one payment.
const markPaidSql = `UPDATE sandbox_sessions SET status = 'paid', payment_id = ?2, paid_amount = ?3,
  event_id = ?4, paid_at = ?5 WHERE id = ?1 AND status = 'open'`

const bookPaymentSql = `INSERT OR IGNORE INTO sandbox_statement (id, kind, session_id, payment_id,
  order_id, amount, currency, event_id, at)
SELECT payment_id, 'payment', id, payment_id, order_id, paid_amount, currency, event_id, paid_at
FROM sandbox_sessions WHERE id = ?1 AND status = 'paid'`

function invalidSession(input: OpenSessionInput): string | null {
  if (input.sessionKey.length === 0) return 'sessionKey is empty'
  if (input.orderId.length === 0) return 'orderId is empty'
  if (!isAmount(input.amount)) return `amount ${input.amount} is not a positive integer`
  if (!isCurrency(input.currency)) return `currency ${input.currency} is not an ISO 4217 code`
  return null
}

export async function openSession(
  ctx: SandboxContext,
  input: OpenSessionInput,
): Promise<ProviderResult<PaymentSession>> {
  const invalid = invalidSession(input)
  if (invalid) return providerFailure('INVALID_REQUEST', invalid)
  const { sessionKey, orderId, amount, currency, description } = input
  const [, found] = await ctx.db.batch<SessionRow>([
    ctx.db
      .prepare(insertSessionSql)
      .bind(sandboxId('cs'), sessionKey, orderId, amount, currency, description, ctx.clock()),
    ctx.db
      .prepare(`SELECT ${sessionColumns} FROM sandbox_sessions WHERE session_key = ?1`)
      .bind(sessionKey),
  ])
  const row = found?.results[0]
  if (!row) throw new Error(`sandbox session ${sessionKey} vanished after insert`)
  if (row.order_id !== orderId || row.amount !== amount || row.currency !== currency) {
    return providerFailure(
      'IDEMPOTENCY_KEY_REUSED',
      `session key ${sessionKey} was used for ${row.order_id} ${formatMoney(row)}`,
    )
  }
  return { ok: true, sessionId: row.id, orderId, amount, currency }
}

async function readSession(db: D1Database, sessionId: string): Promise<SessionRow | null> {
  return db
    .prepare(`SELECT ${sessionColumns} FROM sandbox_sessions WHERE id = ?1`)
    .bind(sessionId)
    .first<SessionRow>()
}

function succeededEvent(row: SessionRow): PaymentEvent | null {
  if (row.payment_id === null || row.event_id === null) return null
  if (row.paid_amount === null || row.paid_at === null) return null
  const data = {
    sessionId: row.id,
    paymentId: row.payment_id,
    orderId: row.order_id,
    amount: row.paid_amount,
    currency: row.currency,
  }
  return { id: row.event_id, type: 'payment.succeeded', created: unixSeconds(row.paid_at), data }
}

async function paidWebhook(ctx: SandboxContext, row: SessionRow): Promise<SandboxDelivery> {
  const event = succeededEvent(row)
  if (!event) throw new Error(`sandbox session ${row.id} is paid without a payment`)
  return signedWebhook(ctx, event)
}

function failedEvent(ctx: SandboxContext, row: SessionRow, amount: number): PaymentEvent {
  const data = {
    sessionId: row.id,
    paymentId: sandboxId('pay'),
    orderId: row.order_id,
    amount,
    currency: row.currency,
  }
  const created = unixSeconds(ctx.clock())
  return { id: sandboxId('evt'), type: 'payment.failed', created, data }
}

/**
 * The buyer finishing (or failing) checkout on the provider's page. A paid session answers every
 * later completion with its one `payment.succeeded` event, whatever the options, as a provider
 * would redeliver rather than charge twice.
 */
export async function complete(
  ctx: SandboxContext,
  sessionId: string,
  options: CompleteOptions = {},
): Promise<SandboxDelivery> {
  const row = await readSession(ctx.db, sessionId)
  if (!row) return providerFailure('SESSION_NOT_FOUND', `no session ${sessionId}`)
  if (row.status === 'paid') return paidWebhook(ctx, row)
  const amount = options.amountOverride ?? row.amount
  if (!isAmount(amount)) {
    return providerFailure('INVALID_REQUEST', `amount ${amount} is not a positive integer`)
  }
  if (options.fail) return signedWebhook(ctx, failedEvent(ctx, row, amount))
  const paid = [sessionId, sandboxId('pay'), amount, sandboxId('evt'), ctx.clock()]
  await ctx.db.batch([
    ctx.db.prepare(markPaidSql).bind(...paid),
    ctx.db.prepare(bookPaymentSql).bind(sessionId),
  ])
  const after = await readSession(ctx.db, sessionId)
  if (!after) throw new Error(`sandbox session ${sessionId} vanished while paying`)
  return paidWebhook(ctx, after)
}
