import type { PaymentProvider, StatementRange, StatementRow } from './payment-provider'
import type { SandboxContext, SandboxDelivery } from './sandbox-payment-context'
import { chargeSaved } from './sandbox-payment-mandates'
import { refund, refundWebhook } from './sandbox-payment-refunds'
import { type CompleteOptions, complete, openSession } from './sandbox-payment-sessions'

export type { SandboxDelivery } from './sandbox-payment-context'
export type { CompleteOptions } from './sandbox-payment-sessions'

/**
 * A payment provider that runs on our own D1, for development and tests. Beyond the provider
 * interface it plays the buyer and the provider's servers: `complete` pays a session and
 * `refundEvent` announces a refund, each handing back the signed webhook to deliver.
 */
export interface SandboxPayments extends PaymentProvider {
  complete(sessionId: string, options?: CompleteOptions): Promise<SandboxDelivery>
  refundEvent(refundId: string): Promise<SandboxDelivery>
}

interface StatementDbRow {
  id: string
  kind: 'payment' | 'refund'
  session_id: string
  payment_id: string
  order_id: string
  amount: number
  currency: string
  at: number
}

const statementSql = `SELECT id, kind, session_id, payment_id, order_id, amount, currency, at
FROM sandbox_statement WHERE at >= ?1 AND at < ?2 ORDER BY at, id`

async function statement(ctx: SandboxContext, range: StatementRange): Promise<StatementRow[]> {
  const { results } = await ctx.db
    .prepare(statementSql)
    .bind(range.from, range.to)
    .all<StatementDbRow>()
  return results.map((r) => ({
    id: r.id,
    kind: r.kind,
    sessionId: r.session_id,
    paymentId: r.payment_id,
    orderId: r.order_id,
    amount: r.amount,
    currency: r.currency,
    at: r.at,
  }))
}

/** `secret` signs the webhooks (the env's WEBHOOK_SECRET); `clock` gives epoch milliseconds. */
export function sandboxPayments(
  db: D1Database,
  secret: string,
  clock: () => number = Date.now,
): SandboxPayments {
  const ctx: SandboxContext = { db, secret, clock }
  return {
    openSession: (input) => openSession(ctx, input),
    refund: (input) => refund(ctx, input),
    statement: (range) => statement(ctx, range),
    chargeSaved: (input) => chargeSaved(ctx, input),
    complete: (sessionId, options) => complete(ctx, sessionId, options),
    refundEvent: (refundId) => refundWebhook(ctx, refundId),
  }
}
