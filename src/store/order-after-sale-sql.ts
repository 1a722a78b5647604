import { type OrderAfterSaleState, orderAfterSaleState } from '../domain/after-sale/order-state'
import { type AfterSaleType, afterSaleTypes } from '../domain/process/after-sale-types'

/**
 * The statuses an after-sale ends in, as SQL: the terminal states of every after-sale machine.
 * The partial index of migration 0012 has this predicate word for word, so queries use it.
 */
export const finishedAfterSaleStatuses = "('succeeded', 'rejected', 'closed')"

/**
 * An order row's after-sales still being handled, read from the after_sales projection through
 * its partial index: the types, comma-separated, or NULL when none is open.
 */
export const openAfterSalesColumn = `(SELECT group_concat(DISTINCT s.type) FROM after_sales s
  WHERE s.order_id = orders.id AND s.status NOT IN ${finishedAfterSaleStatuses}) AS open_after_sales`

/** Only orders with an after-sale under way: the list's "after-sale" tab. */
export const afterSaleOpenTerm = `orders.id IN (SELECT order_id FROM after_sales
  WHERE status NOT IN ${finishedAfterSaleStatuses})`

const isType = (t: string): t is AfterSaleType => (afterSaleTypes as readonly string[]).includes(t)

/** The order's after-sale sub-state as the list shows it, from the column above. */
export function afterSaleStateOfRow(openAfterSales: string | null): OrderAfterSaleState {
  return orderAfterSaleState((openAfterSales ?? '').split(',').filter(isType))
}
