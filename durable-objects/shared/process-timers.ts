import type { TimerRule } from '../../src/domain/process/types'
import type { Timers } from './timers'

/** What a decided transition does to timers, for any process: the order's or an after-sale's. */
export interface TimerChange<R extends TimerRule> {
  readonly disarm: readonly R['kind'][]
  readonly arm: readonly R[]
}

/**
 * The timer half of every transition on the actor: disarms the timers of the state left and arms
 * those of the state entered, each under the key the codec gives it and due when `dueAt` says.
 * The caller holds the transaction.
 */
export function moveTimers<R extends TimerRule>(
  timers: Timers,
  change: TimerChange<R>,
  keyOf: (kind: R['kind']) => string,
  dueAt: (rule: R) => number,
): void {
  for (const kind of change.disarm) timers.clear(keyOf(kind))
  for (const rule of change.arm) timers.set(keyOf(rule.kind), dueAt(rule), rule.action)
}
