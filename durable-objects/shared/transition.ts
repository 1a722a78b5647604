import type { TimerRule } from '../../src/domain/process/types'
import type { Timers } from './timers'

/** What a decided transition does to timers, for any process: the order's or an after-sale's. */
export interface TimerChange<R extends TimerRule> {
  readonly disarm: readonly R['kind'][]
  readonly arm: readonly R[]
}

/** Where one process's timers live on the actor: the table, each timer's key, when it falls due. */
export interface TimerPlacement<R extends TimerRule> {
  readonly table: Timers
  keyOf(kind: R['kind']): string
  dueAt(rule: R): number
}

/**
 * The one transition pipeline of an actor, for every process it runs (the order's own, each
 * after-sale's). The generic engine has decided the move; here, in one storage transaction, the
 * timers of the state left are disarmed and those of the state entered armed, then the caller
 * writes the new state, its event and its effects. Nothing here awaits, so no other request can
 * interleave, and a transition that fails to write leaves its timers as they were.
 */
export function commitTransition<R extends TimerRule, T>(
  transaction: <X>(fn: () => X) => X,
  timers: TimerPlacement<R>,
  change: TimerChange<R>,
  write: () => T,
): T {
  return transaction(() => {
    for (const kind of change.disarm) timers.table.clear(timers.keyOf(kind))
    for (const rule of change.arm) {
      timers.table.set(timers.keyOf(rule.kind), timers.dueAt(rule), rule.action)
    }
    return write()
  })
}
