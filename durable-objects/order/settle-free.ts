import type { LedgerEntry } from '../../src/domain/ledger-entry'
import type { Order } from '../../src/domain/order'
import type { OrderLedger } from './ledger'

/**
 * An order that owes nothing (every unit discounted away) is settled at once, with no provider:
 * it moves on as if paid, and the ledger books 0.00 with the reason, so coupons are spent and
 * the goods ship. A presale never owes nothing: its deposit is more than 0 by construction.
 */
export function settleIfFree(ledger: OrderLedger, order: Order): Order {
  // Goods worth nothing to begin with (an exchange's replacement) are settled by their sender.
  const free = order.amounts.payable === 0 && order.amounts.items > 0
  if (order.status !== 'pending_payment' || !free) return order
  const by = { role: 'system' as const, id: 'zero-payable' }
  const entry: LedgerEntry = {
    orderId: order.id,
    parentOrderId: order.parentId,
    kind: 'settled_free',
    providerRef: `free:${order.id}`,
    sessionId: null,
    amount: 0,
    currency: order.currency,
    status: 'succeeded',
    at: Date.now(),
    note: 'ZERO_PAYABLE',
  }
  const paid = ledger.transition(order, 'pay', { by }, { paidAmount: 0, ledger: [entry] })
  return paid.ok ? paid.order : order
}
