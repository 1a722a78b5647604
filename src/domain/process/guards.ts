import type { Fulfilment } from '../order-fulfilment'
import { type FulfilmentGuardCode, fulfilmentGuards } from './fulfilment-guards'
import type { GuardName } from './types'

/** What guards may look at; an order snapshot satisfies it. */
export interface GuardSubject {
  readonly afterSaleOpen: boolean
  readonly presale?: { readonly balanceStartsAt: number } | null
  /** Where a paid order stands in the warehouse; absent means not pushed yet. */
  readonly fulfilment?: Fulfilment
}

export interface GuardFailure {
  readonly code: 'BALANCE_WINDOW_NOT_OPEN' | 'AFTER_SALE_WINDOW_CLOSED' | FulfilmentGuardCode
  readonly message: string
}

type Guard = (subject: GuardSubject, now: number) => GuardFailure | null

export const guards: Record<GuardName, Guard> = {
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
