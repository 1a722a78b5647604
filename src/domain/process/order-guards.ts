import type { Fulfilment } from '../order-fulfilment'
import { type FulfilmentGuardCode, fulfilmentGuards } from './fulfilment-guards'
import type { GuardName } from './order-types'
import type { Guard } from './types'

/** What order guards may look at; an order snapshot satisfies it. */
export interface GuardSubject {
  readonly afterSaleOpen: boolean
  readonly presale?: { readonly balanceStartsAt: number } | null
  /** Where a paid order stands in the warehouse; absent means not pushed yet. */
  readonly fulfilment?: Fulfilment
}

export type OrderGuardCode =
  | 'BALANCE_WINDOW_NOT_OPEN'
  | 'AFTER_SALE_WINDOW_CLOSED'
  | FulfilmentGuardCode

export const orderGuards: Readonly<Record<GuardName, Guard<GuardSubject, OrderGuardCode>>> = {
  balance_window_open: (subject, now) => {
    const startsAt = subject.presale?.balanceStartsAt ?? 0
    if (now >= startsAt) return null
    return {
      code: 'BALANCE_WINDOW_NOT_OPEN',
      message: `the balance can be paid from ${new Date(startsAt).toISOString()}`,
    }
  },
  after_sale_window_open: (subject) =>
    subject.afterSaleOpen
      ? null
      : { code: 'AFTER_SALE_WINDOW_CLOSED', message: 'the after-sale window is already closed' },
  ...fulfilmentGuards,
}
