import type { Money } from '../domain/money'

/**
 * A report's money as read from D1, taken as stored: a report shows what was recorded, even a
 * currency the pricing code would refuse, so this builds the value without validating it.
 */
export const money = (amount: number, currency: string): Money => ({ amount, currency })

/** Basis points of a share, rounded half up in integers; null when there is nothing to divide by. */
export function shareBps(part: number, whole: number): number | null {
  if (whole <= 0) return null
  return Math.floor((part * 20_000 + whole) / (2 * whole))
}
