import {
  type Dinero,
  type DineroCurrency,
  dinero,
  add as dineroAdd,
  multiply as dineroMultiply,
  subtract as dineroSubtract,
  toDecimal,
  toSnapshot,
} from 'dinero.js'
import * as currencies from 'dinero.js/currencies'

/** Money on the wire and in storage: an integer of minor units and an ISO 4217 code. */
export interface Money {
  readonly amount: number
  readonly currency: string
}

const currencyTable = currencies as unknown as Record<string, DineroCurrency<number> | undefined>

export function isKnownCurrency(code: string): boolean {
  return currencyTable[code] !== undefined
}

function currencyOf(code: string): DineroCurrency<number> {
  const found = currencyTable[code]
  if (!found) throw new RangeError(`unknown currency ${code}`)
  return found
}

function toDinero(m: Money): Dinero<number> {
  if (!Number.isSafeInteger(m.amount)) throw new RangeError(`amount ${m.amount} is not an integer`)
  return dinero({ amount: m.amount, currency: currencyOf(m.currency) })
}

function fromDinero(d: Dinero<number>): Money {
  const snap = toSnapshot(d)
  return { amount: snap.amount, currency: snap.currency.code }
}

/**
 * Money for people: the minor units written with the currency's exponent, then the code
 * ("100.00 CNY", "1500 JPY", "-0.05 USD"). For messages and logs, never for arithmetic.
 */
export function formatMoney(m: Money): string {
  if (!isKnownCurrency(m.currency) || !Number.isSafeInteger(m.amount)) {
    return `${m.amount} ${m.currency} (minor units)`
  }
  return `${toDecimal(toDinero(m))} ${m.currency}`
}

export function money(amount: number, currency: string): Money {
  return fromDinero(toDinero({ amount, currency }))
}

export function zero(currency: string): Money {
  return money(0, currency)
}

export function add(a: Money, b: Money): Money {
  return fromDinero(dineroAdd(toDinero(a), toDinero(b)))
}

export function subtract(a: Money, b: Money): Money {
  return fromDinero(dineroSubtract(toDinero(a), toDinero(b)))
}

export function multiply(a: Money, factor: number): Money {
  if (!Number.isSafeInteger(factor)) throw new RangeError(`factor ${factor} is not an integer`)
  return fromDinero(dineroMultiply(toDinero(a), factor))
}

export function sum(items: readonly Money[], currency: string): Money {
  return items.reduce((acc, m) => add(acc, m), zero(currency))
}

/**
 * Splits `total` minor units over `weights` by the largest-remainder method: each share is the
 * floor of its exact proportion, and the units left over go to the largest fractional parts,
 * ties to the earlier index. The shares always sum to `total`. Zero weights get zero unless every
 * weight is zero, in which case the split is by count.
 */
export function allocateLargestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`total ${total} invalid`)
  if (weights.length === 0) {
    if (total === 0) return []
    throw new RangeError('cannot allocate over no weights')
  }
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`weight ${w} invalid`)
  }
  const effective = weights.every((w) => w === 0) ? weights.map(() => 1) : weights
  const t = BigInt(total)
  const sumW = effective.reduce((acc, w) => acc + BigInt(w), 0n)
  const shares = effective.map((w) => (t * BigInt(w)) / sumW)
  const remainders = effective.map((w, i) => ({ i, r: (t * BigInt(w)) % sumW }))
  let left = Number(t - shares.reduce((acc, s) => acc + s, 0n))
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1))
  for (const { i } of remainders) {
    if (left === 0) break
    shares[i] = (shares[i] ?? 0n) + 1n
    left -= 1
  }
  return shares.map((s) => Number(s))
}

/**
 * `bps` basis points (hundredths of a percent) of `amount` minor units, rounded down to the minor
 * unit. Every percentage in pricing goes through here, so a computed discount never exceeds its
 * exact value: the fraction of a cent stays with the merchant. Exact in BigInt, no floats.
 */
export function floorBasisPoints(amount: number, bps: number): number {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`amount ${amount} invalid`)
  if (!Number.isSafeInteger(bps) || bps < 0) throw new RangeError(`basis points ${bps} invalid`)
  return Number((BigInt(amount) * BigInt(bps)) / 10_000n)
}

/** `bps` basis points of `m`, rounded down to the minor unit (see floorBasisPoints). */
export function basisPointsOf(m: Money, bps: number): Money {
  return money(floorBasisPoints(m.amount, bps), m.currency)
}
