import { physicalProcess } from './physical'
import { presaleProcess } from './presale'
import type { OrderProcess, OrderType } from './types'
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
