import type {
  AfterSaleAction,
  AfterSaleTimerKind,
  AfterSaleTimerRule,
  AfterSaleType,
} from '../../../src/domain/process/after-sale-types'
import { timerDueAt } from '../../../src/domain/process/decide'
import { afterSaleDurationsFrom } from '../../../src/domain/process/durations'
import { afterSaleProcessFor } from '../../../src/domain/process/registry'
import { timerKey } from '../../../src/domain/process/timer-keys'
import type { Env } from '../../../src/env'
import { moveTimers, type TimerChange } from '../../shared/process-timers'
import type { OrderStore } from '../store'

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
  change: TimerChange<AfterSaleTimerRule>,
  now: number,
): void {
  const durations = afterSaleDurationsFrom(deps.env)
  moveTimers(
    deps.store.timers,
    change,
    (kind) => timerKey({ owner: 'after_sale', afterSaleId, kind }),
    (rule) => timerDueAt(rule, now, durations),
  )
}
