import type { OrderProcess } from './types'

const shipper = ['merchant', 'warehouse', 'admin'] as const
const cancellers = ['buyer', 'service', 'admin'] as const

/**
 * A presale: a deposit reserves the item, the balance is paid inside a window that opens at the
 * SKU's balance start, then it ships like a physical good. A missed balance deadline cancels the
 * order and the deposit is kept, as presale terms usually say.
 */
export const presaleProcess: OrderProcess = {
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
      cancel: { to: 'cancelled', roles: ['buyer', 'service', 'admin', 'system'] },
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
