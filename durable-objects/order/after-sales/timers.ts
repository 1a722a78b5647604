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
import type { TimerPlacement } from '../../shared/transition'
import type { OrderStore } from '../store'

/** The action a timer takes, from the after-sale's own process table. */
export function timerAction(type: AfterSaleType, kind: AfterSaleTimerKind): AfterSaleAction | null {
  const rules = Object.values(afterSaleProcessFor(type).timers).flat()
  return rules.find((r) => r.kind === kind)?.action ?? null
}

/**
 * Where an after-sale's timers live: the order's table, keyed by the after-sale and the kind, due
 * after the MERCHANT_REVIEW_SECONDS / RETURN_SHIP_SECONDS vars.
 */
export function afterSaleTimers(
  deps: { readonly env: Env; readonly store: OrderStore },
  afterSaleId: string,
  now: number,
): TimerPlacement<AfterSaleTimerRule> {
  const durations = afterSaleDurationsFrom(deps.env)
  return {
    table: deps.store.timers,
    keyOf: (kind) => timerKey({ owner: 'after_sale', afterSaleId, kind }),
    dueAt: (rule) => timerDueAt(rule, now, durations),
  }
}
