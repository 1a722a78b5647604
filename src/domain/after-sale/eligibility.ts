import type { AfterSaleType } from '../process/after-sale-types'
import type { OrderStatus, OrderType } from '../process/order-types'

export type EligibilityFailureCode = 'AFTER_SALE_WINDOW_CLOSED' | 'AFTER_SALE_NOT_ALLOWED'

export interface EligibilityFailure {
  readonly ok: false
  readonly code: EligibilityFailureCode
  readonly message: string
  readonly details: Record<string, unknown>
}

/** What eligibility looks at; an order snapshot satisfies it. */
export interface EligibilitySubject {
  readonly type: OrderType
  readonly status: OrderStatus
  readonly afterSaleOpen: boolean
}

/**
 * Which after-sales each order type admits. Goods that never travel (virtual) cannot be sent back,
 * swapped or repaired, so only a refund is possible.
 */
const typesByOrderType: Readonly<Record<OrderType, readonly AfterSaleType[]>> = {
  physical: ['refund_only', 'return_refund', 'exchange', 'repair'],
  presale: ['refund_only', 'return_refund', 'exchange', 'repair'],
  virtual: ['refund_only'],
}

/**
 * After-sales open once goods are on their way (pending_receipt) or received (completed), and
 * close with the window that follows receipt (AFTER_SALE_WINDOW_SECONDS). Before shipment the
 * buyer cancels instead, and the warehouse is asked to intercept: one way to
 * stop unsent goods, not two.
 */
export function afterSaleEligibility(
  order: EligibilitySubject,
  type: AfterSaleType,
): EligibilityFailure | null {
  const details = { state: order.status, orderType: order.type, afterSaleType: type }
  if (!typesByOrderType[order.type].includes(type)) {
    const message = `a ${order.type} order admits no ${type} after-sale`
    return { ok: false, code: 'AFTER_SALE_NOT_ALLOWED', message, details }
  }
  const open = order.type === 'virtual' ? ['completed'] : ['pending_receipt', 'completed']
  if (!open.includes(order.status)) {
    const message =
      order.status === 'pending_shipment'
        ? 'the order has not shipped: cancel it instead'
        : `no after-sale in state ${order.status}`
    return { ok: false, code: 'AFTER_SALE_NOT_ALLOWED', message, details }
  }
  if (!order.afterSaleOpen) {
    const message = 'the after-sale window is already closed'
    return { ok: false, code: 'AFTER_SALE_WINDOW_CLOSED', message, details }
  }
  return null
}
