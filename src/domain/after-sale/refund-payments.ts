/** A provider payment of the order, and how much of it has been refunded already. */
export interface RefundablePayment {
  readonly paymentId: string
  readonly amount: number
  readonly refunded: number
  /** When it was paid, epoch ms: the latest is refunded first. */
  readonly at: number
}

export interface PaymentRefund {
  readonly paymentId: string
  readonly amount: number
}

export type PaymentSplitFailure = {
  readonly ok: false
  readonly code: 'REFUND_EXCEEDS_PAYMENT'
  readonly message: string
  readonly details: Record<string, unknown>
}

/**
 * Splits a refund over the order's payments (a presale has a deposit and a balance), because a
 * provider refunds one payment at a time and never more than it took. The latest payment goes
 * first: it is the one furthest from the provider's refund deadline.
 */
export function splitRefundOverPayments(
  total: number,
  payments: readonly RefundablePayment[],
): { readonly ok: true; readonly value: PaymentRefund[] } | PaymentSplitFailure {
  const available = payments.reduce((acc, p) => acc + Math.max(p.amount - p.refunded, 0), 0)
  if (!Number.isSafeInteger(total) || total < 0 || total > available) {
    const message = `cannot refund ${total}: ${available} is left on the payments`
    return { ok: false, code: 'REFUND_EXCEEDS_PAYMENT', message, details: { total, available } }
  }
  const latestFirst = [...payments].sort((a, b) => b.at - a.at)
  const parts: PaymentRefund[] = []
  let left = total
  for (const p of latestFirst) {
    const take = Math.min(left, Math.max(p.amount - p.refunded, 0))
    if (take > 0) parts.push({ paymentId: p.paymentId, amount: take })
    left -= take
  }
  return { ok: true, value: parts }
}
