import type { OrderProcess } from './types'

const buyerSide = ['buyer', 'service', 'admin', 'system'] as const
const shipper = ['merchant', 'warehouse', 'admin'] as const
const cancellers = ['buyer', 'service', 'admin'] as const

/** A physical good: paid, shipped, received, then open for after-sales for a while. */
export const physicalProcess: OrderProcess = {
  type: 'physical',
  initial: 'pending_payment',
  states: [
    'pending_payment',
    'pending_shipment',
    'intercepting',
    'pending_receipt',
    'completed',
    'cancelled',
    'closed',
  ],
  terminal: ['cancelled', 'closed'],
  actions: [
    'pay',
    'cancel',
    'expire',
    'ship',
    'confirm_receipt',
    'auto_confirm',
    'close_after_sale_window',
    'cancel_paid',
    'intercept',
    'intercept_succeeded',
    'intercept_failed',
    'close',
  ],
  transitions: {
    pending_payment: {
      pay: { to: 'pending_shipment', roles: ['buyer', 'service', 'system'] },
      cancel: { to: 'cancelled', roles: buyerSide },
      expire: { to: 'cancelled', roles: ['system'] },
    },
    // Paid, not shipped: cancelled on the spot if the warehouse has not received it, else
    // intercepted there; while the warehouse holds it, only its outbound report ships it.
    pending_shipment: {
      ship: { to: 'pending_receipt', roles: shipper, guard: 'not_in_warehouse' },
      cancel_paid: { to: 'cancelled', roles: cancellers, guard: 'not_pushed' },
      intercept: { to: 'intercepting', roles: cancellers, guard: 'in_warehouse' },
    },
    intercepting: {
      intercept_succeeded: { to: 'cancelled', roles: ['system'] },
      intercept_failed: { to: 'pending_shipment', roles: ['system'] },
    },
    pending_receipt: {
      confirm_receipt: { to: 'completed', roles: ['buyer', 'service', 'admin'] },
      auto_confirm: { to: 'completed', roles: ['system'] },
      close: { to: 'closed', roles: ['system'] },
    },
    completed: {
      close_after_sale_window: {
        to: 'completed',
        roles: ['system'],
        guard: 'after_sale_window_open',
      },
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
    pending_receipt: [
      {
        kind: 'auto_confirm',
        action: 'auto_confirm',
        base: 'entered_at',
        duration: 'AUTO_CONFIRM_SECONDS',
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
}
