import { durationsFrom } from '../../src/config'
import type { Order } from '../../src/domain/order'
import { payActionByStatus } from '../../src/domain/process/order-types'
import { timerKey } from '../../src/domain/process/timer-keys'
import type { Env } from '../../src/env'
import type { Timers } from '../shared/timers'
import { UNCONFIRMED_LEASE_MS } from '../stock/client'
import { confirmLeases, leaseUntilFor } from './placement/saga'

/**
 * The Worker reserves stock on a short lease, so units no order ever adopted come back within
 * minutes. An adopted reservation needs a longer one only while its order waits for payment:
 * its first payment commits the units and cancelling releases them. So the order does not call its buckets
 * at placement; half-way through the short lease, an order still unpaid holds its reservations
 * past its payment deadline. Orders paid before then cost no bucket call for it at all.
 */
export const STOCK_HOLD_TIMER = timerKey({ owner: 'stock_hold' })

export const STOCK_HOLD_AFTER_MS = UNCONFIRMED_LEASE_MS / 2

const holdsStock = (order: Order) => order.stock.some((l) => l.allocations.length > 0)
// The first payment (a presale's deposit too) commits the units: from then on there is no lease.
const awaitsPayment = (order: Order) =>
  payActionByStatus[order.status] !== undefined && order.amounts.paid === 0

/** Call in the transaction that creates the order. */
export function armStockHold(timers: Timers, order: Order): void {
  if (holdsStock(order) && awaitsPayment(order)) {
    timers.set(STOCK_HOLD_TIMER, order.createdAt + STOCK_HOLD_AFTER_MS, 'hold')
  }
}

/** Call in every transaction that moves the order: once paid or closed, the check is moot. */
export function settleStockHold(timers: Timers, order: Order): void {
  if (!awaitsPayment(order)) timers.clear(STOCK_HOLD_TIMER)
}

/** The timer fired (its entry already cleared): hold what an unpaid order still reserves. */
export async function holdStock(env: Env, order: Order | undefined): Promise<void> {
  if (!order || !holdsStock(order) || !awaitsPayment(order)) return
  const timeout = durationsFrom(env).PAYMENT_TIMEOUT_SECONDS
  const leaseUntil = leaseUntilFor(order.createdAt, timeout)
  await confirmLeases(env, {
    orderId: order.id,
    userId: order.userId,
    stock: order.stock,
    leaseUntil,
  })
}
