import { afterSaleGuards } from './after-sale-guards'
import type { AfterSaleProcess, AfterSaleTimerRule, AfterSaleTransition } from './after-sale-types'

const reviewers = ['merchant', 'service', 'admin'] as const
const buyerSide = ['buyer', 'service', 'admin'] as const
const receivers = ['merchant', 'warehouse', 'admin'] as const

/** The merchant has MERCHANT_REVIEW_SECONDS (48 h) to answer; silence approves. */
const reviewTimer: AfterSaleTimerRule = {
  kind: 'merchant_review',
  action: 'auto_approve',
  duration: 'MERCHANT_REVIEW_SECONDS',
}

/** The buyer has RETURN_SHIP_SECONDS (7 days) to send the goods back, or the after-sale closes. */
const returnTimer: AfterSaleTimerRule = {
  kind: 'return_ship_deadline',
  action: 'expire_return',
  duration: 'RETURN_SHIP_SECONDS',
}

/** Review is the same for every type; only where an approval leads differs. */
function review(next: AfterSaleTransition['to']) {
  return {
    approve: { to: next, roles: reviewers },
    auto_approve: { to: next, roles: ['system'] },
    reject: { to: 'rejected', roles: reviewers },
    withdraw: { to: 'closed', roles: buyerSide },
  } as const satisfies Record<string, AfterSaleTransition>
}

/**
 * Waiting for the goods to come back. Shipping them is a self-transition that records the
 * tracking number; the deadline and a withdrawal are guarded by "not shipped yet", because goods
 * already on their way back must be received, not abandoned.
 */
function awaitingReturn(received: AfterSaleTransition['to']) {
  return {
    ship_return: { to: 'pending_return', roles: ['buyer', 'service'] },
    receive_return: { to: received, roles: receivers },
    expire_return: { to: 'closed', roles: ['system'], guard: 'return_not_shipped' },
    withdraw: { to: 'closed', roles: buyerSide, guard: 'return_not_shipped' },
  } as const satisfies Record<string, AfterSaleTransition>
}

const refundStep = { refund: { to: 'succeeded', roles: ['system'] } } as const

/** Money back with nothing sent back: goods not received, or a price adjustment. */
export const refundOnlyProcess: AfterSaleProcess = {
  family: 'after-sale',
  type: 'refund_only',
  initial: 'pending_review',
  states: ['pending_review', 'pending_refund', 'succeeded', 'rejected', 'closed'],
  terminal: ['succeeded', 'rejected', 'closed'],
  actions: ['approve', 'auto_approve', 'reject', 'withdraw', 'refund'],
  transitions: {
    pending_review: review('pending_refund'),
    // `refund` is the provider's confirmation, so only the system takes it.
    pending_refund: refundStep,
  },
  timers: { pending_review: [reviewTimer] },
  guards: afterSaleGuards,
}

/** Goods back to the warehouse, then the money: the refund waits for the receipt. */
export const returnRefundProcess: AfterSaleProcess = {
  family: 'after-sale',
  type: 'return_refund',
  initial: 'pending_review',
  states: ['pending_review', 'pending_return', 'pending_refund', 'succeeded', 'rejected', 'closed'],
  terminal: ['succeeded', 'rejected', 'closed'],
  actions: [
    'approve',
    'auto_approve',
    'reject',
    'withdraw',
    'ship_return',
    'expire_return',
    'receive_return',
    'refund',
  ],
  transitions: {
    pending_review: review('pending_return'),
    pending_return: awaitingReturn('pending_refund'),
    pending_refund: refundStep,
  },
  timers: { pending_review: [reviewTimer], pending_return: [returnTimer] },
  guards: afterSaleGuards,
}

/**
 * Goods back, the same goods out again: receiving the return creates a zero-value replacement
 * order that follows the normal flow, and sending it ends the exchange. No money moves.
 */
export const exchangeProcess: AfterSaleProcess = {
  family: 'after-sale',
  type: 'exchange',
  initial: 'pending_review',
  states: [
    'pending_review',
    'pending_exchange_return',
    'exchange_outbound',
    'succeeded',
    'rejected',
    'closed',
  ],
  terminal: ['succeeded', 'rejected', 'closed'],
  actions: [
    'approve',
    'auto_approve',
    'reject',
    'withdraw',
    'ship_return',
    'expire_return',
    'receive_return',
    'send_exchange',
  ],
  transitions: {
    pending_review: review('pending_exchange_return'),
    pending_exchange_return: {
      ...awaitingReturn('exchange_outbound'),
      ship_return: { to: 'pending_exchange_return', roles: ['buyer', 'service'] },
    },
    exchange_outbound: {
      send_exchange: { to: 'succeeded', roles: ['merchant', 'warehouse', 'admin', 'system'] },
    },
  },
  timers: { pending_review: [reviewTimer], pending_exchange_return: [returnTimer] },
  guards: afterSaleGuards,
}

/**
 * Goods back for repair, the repaired goods out again to the buyer: the merchant (or its
 * warehouse) sends them with a carrier and tracking number, which ends it. No money moves and
 * nothing is restocked: the buyer keeps the goods.
 */
export const repairProcess: AfterSaleProcess = {
  family: 'after-sale',
  type: 'repair',
  initial: 'pending_review',
  states: [
    'pending_review',
    'pending_repair_return',
    'repairing',
    'succeeded',
    'rejected',
    'closed',
  ],
  terminal: ['succeeded', 'rejected', 'closed'],
  actions: [
    'approve',
    'auto_approve',
    'reject',
    'withdraw',
    'ship_return',
    'expire_return',
    'receive_return',
    'send_repaired',
  ],
  transitions: {
    pending_review: review('pending_repair_return'),
    pending_repair_return: {
      ...awaitingReturn('repairing'),
      ship_return: { to: 'pending_repair_return', roles: ['buyer', 'service'] },
    },
    repairing: { send_repaired: { to: 'succeeded', roles: receivers } },
  },
  timers: { pending_review: [reviewTimer], pending_repair_return: [returnTimer] },
  guards: afterSaleGuards,
}
