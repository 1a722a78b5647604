import type { AfterSaleGuardName } from './types'

/** What after-sale guards may look at; an after-sale record satisfies it. */
export interface AfterSaleGuardSubject {
  readonly returnShipment: { readonly carrier: string; readonly trackingNumber: string } | null
}

export interface AfterSaleGuardFailure {
  readonly code: 'RETURN_ALREADY_SHIPPED'
  readonly message: string
}

type Guard = (subject: AfterSaleGuardSubject) => AfterSaleGuardFailure | null

export const afterSaleGuards: Record<AfterSaleGuardName, Guard> = {
  // Goods on their way back cannot be abandoned: the deadline is spent and a withdrawal refused.
  return_not_shipped: (subject) =>
    subject.returnShipment === null
      ? null
      : { code: 'RETURN_ALREADY_SHIPPED', message: 'the goods are already on their way back' },
}
