import type { TimerRule } from './types'

/** Every main status an order can be in, across all order types. */
export const orderStatuses = [
  'pending_payment',
  'pending_deposit',
  'pending_balance',
  'pending_shipment',
  'pending_receipt',
  'completed',
  'cancelled',
  'closed',
  'split',
  'intercepting',
] as const
export type OrderStatus = (typeof orderStatuses)[number]

export const orderTypes = ['physical', 'virtual', 'presale'] as const
export type OrderType = (typeof orderTypes)[number]

export const orderActions = [
  'pay',
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
] as const
export type OrderAction = (typeof orderActions)[number]

/** Named guards; each is a pure check in order-guards.ts returning a failure code or null. */
export type GuardName =
  | 'balance_window_open'
  | 'after_sale_window_open'
  | 'not_pushed'
  | 'in_warehouse'
  | 'not_in_warehouse'

/** Order fields a timer can be measured from, set by the transition that enters the state. */
export type TimerBase = 'entered_at' | 'balance_starts_at'

/** Durations come from wrangler vars (seconds), so every timer names its var. */
export type DurationVar =
  | 'PAYMENT_TIMEOUT_SECONDS'
  | 'AUTO_CONFIRM_SECONDS'
  | 'AFTER_SALE_WINDOW_SECONDS'
  | 'PRESALE_BALANCE_SECONDS'

export type TimerKind =
  | 'payment_deadline'
  | 'auto_confirm'
  | 'after_sale_window'
  | 'balance_deadline'

/** An order timer always names what it counts from. */
export interface OrderTimerRule extends TimerRule<TimerKind, OrderAction> {
  readonly base: TimerBase
  readonly duration: DurationVar
}

export type Durations = Readonly<Record<DurationVar, number>>

/** The action a payment performs in each payable state; absent means nothing is payable. */
export const payActionByStatus: Partial<Record<OrderStatus, OrderAction>> = {
  pending_payment: 'pay',
  pending_deposit: 'pay_deposit',
  pending_balance: 'pay_balance',
}
