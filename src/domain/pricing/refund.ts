import { allocateLargestRemainder, type Money, money } from '../money'
import type { Failure, Result } from '../result'

export type RefundFailureCode = 'INVALID_QUANTITY'

/**
 * The line's final amount spread over its units by the largest remainder method, larger shares
 * first: 8333 over 3 units is [2778, 2778, 2777]. Units are refunded in this order.
 */
export function unitAmounts(
  finalAmount: Money,
  qty: number,
): Result<{ readonly value: Money[] }, RefundFailureCode> {
  if (!Number.isSafeInteger(qty) || qty <= 0)
    return invalid('qty must be a positive integer', { qty })
  const shares = allocateLargestRemainder(finalAmount.amount, new Array<number>(qty).fill(1))
  return { ok: true, value: shares.map((s) => money(s, finalAmount.currency)) }
}

/**
 * What refunding `units` more units of a line pays back, when `alreadyRefunded` units of it were
 * refunded before. Successive partial refunds take consecutive units, so refunding every unit,
 * in any number of steps, pays back exactly the line's final amount.
 */
export function refundableAmount(
  line: { readonly finalAmount: Money; readonly qty: number },
  units: number,
  alreadyRefunded = 0,
): Result<{ readonly value: Money }, RefundFailureCode> {
  const perUnit = unitAmounts(line.finalAmount, line.qty)
  if (!perUnit.ok) return perUnit
  const valid =
    Number.isSafeInteger(units) &&
    Number.isSafeInteger(alreadyRefunded) &&
    units >= 0 &&
    alreadyRefunded >= 0 &&
    units + alreadyRefunded <= line.qty
  if (!valid) return invalid('units out of range', { units, alreadyRefunded, qty: line.qty })
  const amount = perUnit.value
    .slice(alreadyRefunded, alreadyRefunded + units)
    .reduce((acc, m) => acc + m.amount, 0)
  return { ok: true, value: money(amount, line.finalAmount.currency) }
}

function invalid(message: string, details: Record<string, unknown>): Failure<RefundFailureCode> {
  return { ok: false, code: 'INVALID_QUANTITY', message, details }
}
