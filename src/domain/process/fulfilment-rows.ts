import type { OrderProcess } from './order-process'

const shipper = ['merchant', 'warehouse', 'admin'] as const
// A merchant stops its own store's unsent orders too (out of stock, the buyer asked, risk).
const cancellers = ['buyer', 'merchant', 'service', 'admin'] as const

/**
 * Everything after a physical good is paid, shared by physical and presale orders: shipment
 * (cancelled on the spot before the warehouse has it, intercepted while it does, shipped only by
 * its outbound report then), receipt, the after-sale window, and closing on a full refund.
 */
export const fulfilmentTransitions: OrderProcess['transitions'] = {
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
}

export const fulfilmentTimers: OrderProcess['timers'] = {
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
}
