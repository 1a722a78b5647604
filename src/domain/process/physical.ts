import { fulfilmentTimers, fulfilmentTransitions } from './fulfilment-rows'
import { orderGuards } from './order-guards'
import type { OrderProcess } from './order-process'

const buyerSide = ['buyer', 'merchant', 'service', 'admin', 'system'] as const

/** A physical good: paid, shipped, received, then open for after-sales for a while. */
export const physicalProcess: OrderProcess = {
  family: 'order',
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
    ...fulfilmentTransitions,
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
    ...fulfilmentTimers,
  },
  guards: orderGuards,
}
