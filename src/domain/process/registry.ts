import {
  exchangeProcess,
  refundOnlyProcess,
  repairProcess,
  returnRefundProcess,
} from './after-sale-tables'
import type { AfterSaleProcess, AfterSaleType } from './after-sale-types'
import type { OrderProcess } from './order-process'
import type { OrderType } from './order-types'
import { physicalProcess } from './physical'
import { presaleProcess } from './presale'
import { assertValidProcess } from './validate'
import { virtualProcess } from './virtual'

/** Every order type's process, validated when the module loads so a broken table never serves. */
export const processes: Record<OrderType, OrderProcess> = {
  physical: assertValidProcess(physicalProcess),
  virtual: assertValidProcess(virtualProcess),
  presale: assertValidProcess(presaleProcess),
}

export function processFor(type: OrderType): OrderProcess {
  return processes[type]
}

/** Every after-sale type's process, validated the same way. */
export const afterSaleProcesses: Readonly<Record<AfterSaleType, AfterSaleProcess>> = {
  refund_only: assertValidProcess(refundOnlyProcess),
  return_refund: assertValidProcess(returnRefundProcess),
  exchange: assertValidProcess(exchangeProcess),
  repair: assertValidProcess(repairProcess),
}

export function afterSaleProcessFor(type: AfterSaleType): AfterSaleProcess {
  return afterSaleProcesses[type]
}
