import type { AfterSale, AfterSalePatch } from '../../../src/domain/after-sale/record'
import type { RefundPlan } from '../../../src/domain/after-sale/refund-amounts'
import { returnAddressRefusal } from '../../../src/domain/after-sale/return-address'
import {
  defaultReturnReason,
  type ReturnFreightSettlement,
  returnFreightPayer,
  settleReturnFreight,
} from '../../../src/domain/after-sale/return-freight'
import type { Order } from '../../../src/domain/order'
import type { Role } from '../../../src/domain/process/types'
import { type Failure, fail } from '../../../src/errors'
import type { StoredAfterSale } from './records'

/** Who bears this after-sale's return freight, by its reason code. */
export const freightPayerOf = (a: AfterSale) =>
  returnFreightPayer[a.reasonCode ?? defaultReturnReason]

/** An approval of goods coming back without a return address: 400 naming the field. */
export function missingAddress(
  a: AfterSale,
  action: string,
  role: Role,
  patch: AfterSalePatch | undefined,
): Failure | null {
  const refused = returnAddressRefusal(a.type, action, role, patch?.returnAddress)
  if (!refused) return null
  const issue = { field: 'returnAddress', code: refused.code, message: refused.message }
  return fail('VALIDATION_FAILED', `json returnAddress: ${refused.message}`, {
    target: 'json',
    issues: [issue],
    ...refused.details,
  })
}

/** Return freight stated in another currency than the order's: 400 naming the field. */
export function foreignFreight(order: Order, patch: AfterSalePatch | undefined): Failure | null {
  const currency = patch?.returnFreight?.currency
  if (currency === undefined || currency === order.currency) return null
  const message = `the return freight must be in ${order.currency}, the order's currency`
  const issue = { field: 'returnFreight.amount.currency', code: 'invalid', message }
  return fail('VALIDATION_FAILED', `json returnFreight.amount.currency: ${message}`, {
    target: 'json',
    issues: [issue],
  })
}

/** The order's freight less what earlier after-sales' return freight additions took of it. */
function headroomOn(order: Order, others: readonly StoredAfterSale[]): number {
  const added = others
    .map((s) => s.record.returnFreight?.adjustment ?? 0)
    .reduce((acc, n) => acc + Math.max(n, 0), 0)
  return order.amounts.freight - added
}

/**
 * The refund with the return freight stated on receipt settled into it: added when the buyer
 * paid what the merchant bears, kept back when the merchant paid what the buyer bears.
 */
export function withReturnFreight(
  order: Order,
  others: readonly StoredAfterSale[],
  a: AfterSale,
  plan: RefundPlan,
  patch: AfterSalePatch | undefined,
): { readonly plan: RefundPlan; readonly settled: ReturnFreightSettlement | null } {
  const freight = patch?.returnFreight ?? null
  const { returnFreight, ...settled } = settleReturnFreight(
    plan,
    freightPayerOf(a),
    freight,
    headroomOn(order, others),
  )
  return { plan: settled, settled: returnFreight }
}

/** The return freight of goods that came back without a refund (exchange, repair): recorded only. */
export function recordedFreight(
  a: AfterSale,
  patch: AfterSalePatch | undefined,
): ReturnFreightSettlement | null {
  const freight = patch?.returnFreight
  return freight ? { ...freight, payer: freightPayerOf(a), adjustment: 0 } : null
}
