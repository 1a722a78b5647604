/** Money on the wire: integer minor units and a currency, as everywhere in the API. */
export interface Money {
  readonly amount: number
  readonly currency: string
}

export const money = (amount: number, currency: string): Money => ({ amount, currency })

/** Basis points of a share, rounded half up in integers; null when there is nothing to divide by. */
export function shareBps(part: number, whole: number): number | null {
  if (whole <= 0) return null
  return Math.floor((part * 20_000 + whole) / (2 * whole))
}
