import type { LedgerMovement, Mismatch } from './reconciliation-records'

/** A payment held for review, as the held-payments list keeps it. */
export interface HeldMovement {
  readonly orderId: string
  readonly paymentId: string
  readonly amount: number
  readonly currency: string
  readonly expected: number
  readonly heldAt: number
}

const hourMs = 3_600_000

/**
 * Money held for review longer than `maxAgeMs` is a finding of its own: the provider and the
 * ledger agree on it, so only its age shows that nobody settled it. It is anchored at the end of
 * the run's range, so every run that still finds it keeps it open and the first run after it is
 * settled closes it.
 */
export function heldTooLong(
  held: readonly HeldMovement[],
  range: { readonly to: number },
  now: number,
  maxAgeMs: number,
): Mismatch[] {
  return held
    .filter((h) => now - h.heldAt > maxAgeMs)
    .map((h) => ({
      key: `HELD_TOO_LONG:${h.orderId}:${h.paymentId}`,
      kind: 'HELD_TOO_LONG',
      orderId: h.orderId,
      paymentId: h.paymentId,
      refundId: null,
      currency: h.currency,
      expected: h.expected,
      actual: h.amount,
      detail: `${h.amount} ${h.currency} held for review for ${Math.floor((now - h.heldAt) / hourMs)} h (owed ${h.expected}): refund or accept it`,
      anchorAt: range.to - 1,
      heal: null,
    }))
}

/**
 * An accepted held payment is booked twice on one order under one provider payment: its
 * `payment_mismatch` row (the money that came in) and a `payment` row (the part that paid the
 * order). Money in counts the first only; the orders are checked against the second.
 */
export function withoutAcceptedDuplicates(
  ledger: readonly LedgerMovement[],
): readonly LedgerMovement[] {
  const held = new Set(
    ledger.filter((l) => l.kind === 'payment_mismatch').map((l) => `${l.orderId}:${l.providerRef}`),
  )
  return ledger.filter((l) => l.kind !== 'payment' || !held.has(`${l.orderId}:${l.providerRef}`))
}
