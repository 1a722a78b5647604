import { formatMoney } from '../domain/money'
import type { PaymentEvent } from './payment-events'
import {
  type ProviderResult,
  providerFailure,
  type RefundInput,
  type RefundReceipt,
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

interface MovementRow {
  id: string
  session_id: string
  payment_id: string
  order_id: string
  amount: number
  currency: string
  event_id: string
  at: number
}

const movementColumns = 'id, session_id, payment_id, order_id, amount, currency, event_id, at'

// The cap is checked inside the insert, so two concurrent refunds of one payment cannot both
// pass a check made before either was written.
const insertRefundSql = `INSERT OR IGNORE INTO sandbox_statement (id, kind, session_id,
  payment_id, order_id, amount, currency, idempotency_key, reason, event_id, at)
SELECT ?1, 'refund', p.session_id, p.payment_id, p.order_id, ?2, p.currency, ?3, ?4, ?5, ?6
FROM sandbox_statement p
WHERE p.id = ?7 AND p.kind = 'payment' AND p.currency = ?8
  AND p.amount - ?2 >= (SELECT COALESCE(SUM(r.amount), 0) FROM sandbox_statement r
    WHERE r.payment_id = ?7 AND r.kind = 'refund')`

const refundedSql = `SELECT COALESCE(SUM(amount), 0) AS refunded FROM sandbox_statement
WHERE payment_id = ?1 AND kind = 'refund'`

function invalidRefund(input: RefundInput): string | null {
  if (input.idempotencyKey.length === 0) return 'idempotencyKey is empty'
  if (!isAmount(input.amount)) return `amount ${input.amount} is not a positive integer`
  if (!isCurrency(input.currency)) return `currency ${input.currency} is not an ISO 4217 code`
  return null
}

async function refundByKey(db: D1Database, key: string): Promise<MovementRow | null> {
  return db
    .prepare(`SELECT ${movementColumns} FROM sandbox_statement WHERE idempotency_key = ?1`)
    .bind(key)
    .first<MovementRow>()
}

function replay(prior: MovementRow, input: RefundInput): ProviderResult<RefundReceipt> {
  const same =
    prior.payment_id === input.paymentId &&
    prior.amount === input.amount &&
    prior.currency === input.currency
  if (same) return { ok: true, refundId: prior.id, status: 'succeeded' }
  return providerFailure(
    'IDEMPOTENCY_KEY_REUSED',
    `refund key ${input.idempotencyKey} was used for ${formatMoney(prior)} of ${prior.payment_id}`,
  )
}

/** Names the reason the guarded insert wrote nothing. */
async function refusal(db: D1Database, input: RefundInput): Promise<ProviderResult<RefundReceipt>> {
  const payment = await db
    .prepare(`SELECT ${movementColumns} FROM sandbox_statement WHERE id = ?1 AND kind = 'payment'`)
    .bind(input.paymentId)
    .first<MovementRow>()
  if (!payment) return providerFailure('PAYMENT_NOT_FOUND', `no payment ${input.paymentId}`)
  if (payment.currency !== input.currency) {
    return providerFailure(
      'CURRENCY_MISMATCH',
      `payment ${input.paymentId} is in ${payment.currency}, not ${input.currency}`,
    )
  }
  const refunded =
    (await db.prepare(refundedSql).bind(input.paymentId).first<number>('refunded')) ?? 0
  return providerFailure(
    'REFUND_EXCEEDS_PAYMENT',
    `payment ${input.paymentId} has ${formatMoney({ amount: payment.amount - refunded, currency: payment.currency })} of ${formatMoney(payment)} left to refund`,
  )
}

/** Refunds synchronously: the sandbox never leaves a refund pending. */
export async function refund(
  ctx: SandboxContext,
  input: RefundInput,
): Promise<ProviderResult<RefundReceipt>> {
  const invalid = invalidRefund(input)
  if (invalid) return providerFailure('INVALID_REQUEST', invalid)
  const prior = await refundByKey(ctx.db, input.idempotencyKey)
  if (prior) return replay(prior, input)
  const refundId = sandboxId('re')
  const { amount, idempotencyKey, reason, paymentId, currency } = input
  const written = await ctx.db
    .prepare(insertRefundSql)
    .bind(
      refundId,
      amount,
      idempotencyKey,
      reason,
      sandboxId('evt'),
      ctx.clock(),
      paymentId,
      currency,
    )
    .run()
  if (written.meta.changes === 1) return { ok: true, refundId, status: 'succeeded' }
  // A concurrent call with the same key may have won the insert; it is then a replay.
  const raced = await refundByKey(ctx.db, idempotencyKey)
  return raced ? replay(raced, input) : refusal(ctx.db, input)
}

/** The signed `refund.succeeded` webhook of a refund; the same event however often it is asked. */
export async function refundWebhook(
  ctx: SandboxContext,
  refundId: string,
): Promise<SandboxDelivery> {
  const row = await ctx.db
    .prepare(`SELECT ${movementColumns} FROM sandbox_statement WHERE id = ?1 AND kind = 'refund'`)
    .bind(refundId)
    .first<MovementRow>()
  if (!row) return providerFailure('REFUND_NOT_FOUND', `no refund ${refundId}`)
  const data = {
    sessionId: row.session_id,
    paymentId: row.payment_id,
    orderId: row.order_id,
    refundId: row.id,
    amount: row.amount,
    currency: row.currency,
  }
  const event: PaymentEvent = {
    id: row.event_id,
    type: 'refund.succeeded',
    created: unixSeconds(row.at),
    data,
  }
  return signedWebhook(ctx, event)
}
