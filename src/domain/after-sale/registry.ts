import { exchangeProcess, refundOnlyProcess, returnRefundProcess } from './processes'
import type { AfterSaleProcess, AfterSaleType } from './types'
import { assertValidAfterSale } from './validate'

/** Every after-sale type's machine, validated when the module loads so a broken one never serves. */
export const afterSaleProcesses: Readonly<Record<AfterSaleType, AfterSaleProcess>> = {
  refund_only: assertValidAfterSale(refundOnlyProcess),
  return_refund: assertValidAfterSale(returnRefundProcess),
  exchange: assertValidAfterSale(exchangeProcess),
}

export function afterSaleProcessFor(type: AfterSaleType): AfterSaleProcess {
  return afterSaleProcesses[type]
}
