import type {
  AfterSaleGuardCode,
  AfterSaleGuardName,
  AfterSaleGuardSubject,
} from './after-sale-types'
import type { Guard } from './types'

export const afterSaleGuards: Readonly<
  Record<AfterSaleGuardName, Guard<AfterSaleGuardSubject, AfterSaleGuardCode>>
> = {
  // Goods on their way back cannot be abandoned: the deadline is spent and a withdrawal refused.
  return_not_shipped: (subject) =>
    subject.returnShipment === null
      ? null
      : { code: 'RETURN_ALREADY_SHIPPED', message: 'the goods are already on their way back' },
}
