/**
 * Unit counts of one stock bucket. `received` is every unit that ever entered the bucket (goods
 * receipts, returns, rebalance in), net of admin removals, so the ledger always balances:
 * received = available + reserved + sold, and no count is ever negative.
 */
export interface StockCounts {
  readonly received: number
  readonly available: number
  readonly reserved: number
  readonly sold: number
}

export const NO_STOCK: StockCounts = { received: 0, available: 0, reserved: 0, sold: 0 }

/** A quantity a caller may ask for: a positive safe integer. */
export function isQuantity(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0
}

/** Every way the counts break the ledger; empty when they balance. */
export function conservationErrors(c: StockCounts): string[] {
  const errors: string[] = []
  for (const [name, value] of Object.entries(c)) {
    if (!Number.isSafeInteger(value)) errors.push(`${name} is not an integer`)
    else if (value < 0) errors.push(`${name} is negative`)
  }
  if (c.received !== c.available + c.reserved + c.sold) {
    errors.push('received != available + reserved + sold')
  }
  return errors
}

export function isConserved(c: StockCounts): boolean {
  return conservationErrors(c).length === 0
}

export function sumCounts(list: readonly StockCounts[]): StockCounts {
  return list.reduce(
    (a, b) => ({
      received: a.received + b.received,
      available: a.available + b.available,
      reserved: a.reserved + b.reserved,
      sold: a.sold + b.sold,
    }),
    NO_STOCK,
  )
}

// The moves below are only called after a decision has checked them, so a violation is a bug in
// this module, not a business failure: throwing keeps a bad write from ever being committed.
function checked(c: StockCounts): StockCounts {
  const errors = conservationErrors(c)
  if (errors.length > 0) throw new RangeError(`stock ledger broken: ${errors.join(', ')}`)
  return c
}

export function holdUnits(c: StockCounts, qty: number): StockCounts {
  return checked({ ...c, available: c.available - qty, reserved: c.reserved + qty })
}

export function unholdUnits(c: StockCounts, qty: number): StockCounts {
  return checked({ ...c, available: c.available + qty, reserved: c.reserved - qty })
}

export function sellHeldUnits(c: StockCounts, qty: number): StockCounts {
  return checked({ ...c, reserved: c.reserved - qty, sold: c.sold + qty })
}

export function sellAvailableUnits(c: StockCounts, qty: number): StockCounts {
  return checked({ ...c, available: c.available - qty, sold: c.sold + qty })
}

/** Units entering (delta > 0) or leaving (delta < 0) the bucket outside of a sale. */
export function receiveUnits(c: StockCounts, delta: number): StockCounts {
  return checked({ ...c, received: c.received + delta, available: c.available + delta })
}
