import { fulfilmentTimers, fulfilmentTransitions } from './fulfilment-rows'
import { orderGuards } from './order-guards'
import type { OrderProcess } from './order-process'

/**
 * A presale: a deposit reserves the item, the balance is paid inside a window that opens at the
 * SKU's balance start, then it ships like a physical good. A missed balance deadline cancels the
 * order and the deposit is kept, as presale terms usually say.
 */
export const presaleProcess: OrderProcess = {
  family: 'order',
  type: 'presale',
  initial: 'pending_deposit',
  states: [
    'pending_deposit',
    'pending_balance',
    'pending_shipment',
    'intercepting',
    'pending_receipt',
    'completed',
    'cancelled',
    'closed',
  ],
  terminal: ['cancelled', 'closed'],
  actions: [
    'pay_deposit',
    'pay_balance',
    'cancel',
    'expire',
    'expire_balance',
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
    pending_deposit: {
      pay_deposit: { to: 'pending_balance', roles: ['buyer', 'service', 'system'] },
      cancel: { to: 'cancelled', roles: ['buyer', 'merchant', 'service', 'admin', 'system'] },
      expire: { to: 'cancelled', roles: ['system'] },
    },
    pending_balance: {
      pay_balance: {
        to: 'pending_shipment',
        roles: ['buyer', 'service', 'system'],
        guard: 'balance_window_open',
      },
      expire_balance: { to: 'cancelled', roles: ['system'] },
    },
    ...fulfilmentTransitions,
  },
  timers: {
    pending_deposit: [
      {
        kind: 'payment_deadline',
        action: 'expire',
        base: 'entered_at',
        duration: 'PAYMENT_TIMEOUT_SECONDS',
      },
    ],
    pending_balance: [
      {
        kind: 'balance_deadline',
        action: 'expire_balance',
        base: 'balance_starts_at',
        duration: 'PRESALE_BALANCE_SECONDS',
      },
    ],
    ...fulfilmentTimers,
  },
  guards: orderGuards,
}
