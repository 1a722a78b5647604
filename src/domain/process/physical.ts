import type { OrderProcess } from './types'

const buyerSide = ['buyer', 'service', 'admin', 'system'] as const
const shipper = ['merchant', 'warehouse', 'admin'] as const

/** A physical good: paid, shipped, received, then open for after-sales for a while. */
export const physicalProcess: OrderProcess = {
  type: 'physical',
  initial: 'pending_payment',
  states: ['pending_payment', 'pending_shipment', 'pending_receipt', 'completed', 'cancelled'],
  terminal: ['cancelled'],
  actions: [
    'pay',
    'cancel',
    'expire',
    'ship',
    'confirm_receipt',
    'auto_confirm',
    'close_after_sale_window',
  ],
  transitions: {
    pending_payment: {
      pay: { to: 'pending_shipment', roles: ['buyer', 'service', 'system'] },
      cancel: { to: 'cancelled', roles: buyerSide },
      expire: { to: 'cancelled', roles: ['system'] },
    },
    pending_shipment: {
      ship: { to: 'pending_receipt', roles: shipper },
    },
    pending_receipt: {
      confirm_receipt: { to: 'completed', roles: ['buyer', 'service', 'admin'] },
      auto_confirm: { to: 'completed', roles: ['system'] },
    },
    completed: {
      close_after_sale_window: {
        to: 'completed',
        roles: ['system'],
        guard: 'after_sale_window_open',
      },
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
