import type { AfterSaleType } from '../process/after-sale-types'
import type { Label, Perspective } from '../process/perspectives'
import { afterSaleProcessFor } from '../process/registry'
import type { AfterSale } from './record'

/**
 * Where the order stands in after-sales, as a sub-state beside its main status: nothing open, a
 * refund without a return under way, or goods going back (a return or an exchange).
 */
export const orderAfterSaleStates = ['none', 'refunding', 'in_after_sale'] as const
export type OrderAfterSaleState = (typeof orderAfterSaleStates)[number]

/** What each open after-sale makes of the order; a return speaks over a refund only. */
const stateOfType: Readonly<Record<AfterSaleType, OrderAfterSaleState>> = {
  refund_only: 'refunding',
  return_refund: 'in_after_sale',
  exchange: 'in_after_sale',
  repair: 'in_after_sale',
}

const rank: Readonly<Record<OrderAfterSaleState, number>> = {
  none: 0,
  refunding: 1,
  in_after_sale: 2,
}

/** The types of the after-sales still being handled (not succeeded, rejected or closed). */
export function openAfterSaleTypes(all: readonly AfterSale[]): AfterSaleType[] {
  return all
    .filter((a) => !afterSaleProcessFor(a.type).terminal.includes(a.status))
    .map((a) => a.type)
}

export function orderAfterSaleState(open: readonly AfterSaleType[]): OrderAfterSaleState {
  return open.reduce<OrderAfterSaleState>((state, type) => {
    const next = stateOfType[type]
    return rank[next] > rank[state] ? next : state
  }, 'none')
}

const l = (en: string, zh: string): Label => ({ en, zh })

/**
 * How an open after-sale reads on the order itself. The buyer is told whether money or goods are
 * moving; merchant and customer service see one "after-sale" tab; the warehouse keeps reading the
 * order's own status and follows the after-sale's labels instead.
 */
export const orderAfterSaleLabels: Readonly<
  Record<Exclude<OrderAfterSaleState, 'none'>, Partial<Record<Perspective, Label>>>
> = {
  refunding: {
    buyer: l('Refund in progress', '退款中'),
    merchant: l('After-sale in progress', '售后中'),
    service: l('After-sale in progress', '售后中'),
  },
  in_after_sale: {
    buyer: l('After-sale in progress', '售后中'),
    merchant: l('After-sale in progress', '售后中'),
    service: l('After-sale in progress', '售后中'),
  },
}
