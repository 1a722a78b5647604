import {
  afterSaleDueAt,
  afterSaleDurationsFrom,
  afterSaleTimerKey,
  parseAfterSaleTimerKey,
} from '../src/domain/after-sale/engine'
import { afterSaleProcessFor } from '../src/domain/after-sale/registry'
import type {
  AfterSaleAction,
  AfterSaleTimerKind,
  AfterSaleTimerRule,
  AfterSaleType,
} from '../src/domain/after-sale/types'
import type { Env } from '../src/env'
import type { OrderStore } from './order-store'

/**
 * The order actor's alarm hands timers whose kind starts with `after_sale:` to the after-sale
 * module and fires every other kind as an order action. afterSaleTimerKey names a timer
 * `as:<id>:<kind>`, so the key is prefixed: without it the alarm would try the key as an order
 * action, fail, and drop the timer unseen.
 */
const prefix = 'after_sale:'

export function timerKind(afterSaleId: string, kind: AfterSaleTimerKind): string {
  return `${prefix}${afterSaleTimerKey(afterSaleId, kind)}`
}

/** The after-sale and timer a timers-table kind names, or null for anything else. */
export function parseTimerKind(kind: string) {
  return kind.startsWith(prefix) ? parseAfterSaleTimerKey(kind.slice(prefix.length)) : null
}

/** The action a timer takes, from the after-sale's own process table. */
export function timerAction(type: AfterSaleType, kind: AfterSaleTimerKind): AfterSaleAction | null {
  const rules = Object.values(afterSaleProcessFor(type).timers).flat()
  return rules.find((r) => r.kind === kind)?.action ?? null
}

/**
 * Disarms the timers of the state left and arms those of the state entered, durations from the
 * MERCHANT_REVIEW_SECONDS / RETURN_SHIP_SECONDS vars. The caller holds the transaction.
 */
export function retime(
  deps: { readonly env: Env; readonly store: OrderStore },
  afterSaleId: string,
  change: {
    readonly disarm: readonly AfterSaleTimerKind[]
    readonly arm: readonly AfterSaleTimerRule[]
  },
  now: number,
): void {
  for (const kind of change.disarm) deps.store.timers.clear(timerKind(afterSaleId, kind))
  const durations = afterSaleDurationsFrom(deps.env)
  for (const rule of change.arm) {
    const dueAt = afterSaleDueAt(rule, now, durations)
    deps.store.timers.set(timerKind(afterSaleId, rule.kind), dueAt, rule.action)
  }
}
