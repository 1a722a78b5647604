import { orderGuards } from './order-guards'
import type { OrderProcess } from './order-process'

/** A virtual good (top-up, voucher code): delivered the moment it is paid, nothing ships. */
export const virtualProcess: OrderProcess = {
  family: 'order',
  type: 'virtual',
  initial: 'pending_payment',
  states: ['pending_payment', 'completed', 'cancelled', 'closed'],
  terminal: ['cancelled', 'closed'],
  actions: ['pay', 'cancel', 'expire', 'close_after_sale_window', 'close'],
  transitions: {
    pending_payment: {
      pay: { to: 'completed', roles: ['buyer', 'service', 'system'] },
      cancel: { to: 'cancelled', roles: ['buyer', 'merchant', 'service', 'admin', 'system'] },
      expire: { to: 'cancelled', roles: ['system'] },
    },
    completed: {
      close_after_sale_window: {
        to: 'completed',
        roles: ['system'],
        guard: 'after_sale_window_open',
      },
      // A full refund of a delivered virtual good closes it.
      close: { to: 'closed', roles: ['system'] },
    },
  },
  timers: {
    pending_payment: [
      {
        kind: 'payment_deadline',
        action: 'expire',
        base: 'entered_at',
        duration: 'PAYMENT_TIMEOUT_SECONDS',
      },
    ],
    completed: [
      {
        kind: 'after_sale_window',
        action: 'close_after_sale_window',
        base: 'entered_at',
        duration: 'AFTER_SALE_WINDOW_SECONDS',
      },
    ],
  },
  guards: orderGuards,
}
