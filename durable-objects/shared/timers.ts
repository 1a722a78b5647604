import type { StateRowAccess } from '../order/state'

/**
 * Many logical timers over a Durable Object's single alarm. Each timer is an entry (kind, due
 * time, action) of the actor's state row; the alarm is always set to the earliest due time.
 * Alarms are at-least-once, so a timer is cleared in the same transaction as the work it
 * triggers.
 */
export interface TimerRow {
  readonly kind: string
  readonly dueAt: number
  readonly action: string
}

export function createTimers(state: StateRowAccess) {
  function set(kind: string, dueAt: number, action: string): void {
    const had = state.meta().timers[kind]
    if (had?.dueAt === dueAt && had.action === action) return
    state.changeMeta((m) => ({ timers: { ...m.timers, [kind]: { dueAt, action } } }))
  }

  function clear(kind: string): void {
    if (!state.meta().timers[kind]) return
    state.changeMeta((m) => {
      const { [kind]: _gone, ...rest } = m.timers
      return { timers: rest }
    })
  }

  function all(): TimerRow[] {
    return Object.entries(state.meta().timers)
      .map(([kind, t]) => ({ kind, dueAt: t.dueAt, action: t.action }))
      .sort((a, b) => a.dueAt - b.dueAt || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0))
  }

  function due(now: number): TimerRow[] {
    return all().filter((t) => t.dueAt <= now)
  }

  function earliest(): number | null {
    return all()[0]?.dueAt ?? null
  }

  return { set, clear, due, all, earliest }
}

export type Timers = ReturnType<typeof createTimers>

/**
 * Points the alarm at `at`, or removes it. Never in the past: from inside `alarm()` a time at or
 * before now would not fire again, so the earliest is now + 1 ms.
 */
export function createAlarmSync(storage: DurableObjectStorage, initial: number | null) {
  let current = initial
  return function syncAlarm(at: number | null): void {
    const target = at === null ? null : Math.max(at, Date.now() + 1)
    if (target === current) return
    current = target
    if (target === null) void storage.deleteAlarm()
    else void storage.setAlarm(target)
  }
}

/** When the actor must next wake; `orEarlier` when any earlier wake serves as well. */
export interface Wake {
  readonly at: number
  readonly orEarlier: boolean
}

/**
 * Keeps the alarm at the next wake the actor needs, and writes it only when that changes (each
 * setAlarm is a row written). A wake that may come early keeps an alarm already set before it.
 * A wake no longer needed leaves the alarm where it is: firing for nothing costs one request
 * and writes nothing, where deleting it would cost a row. Never in the past: from inside
 * `alarm()` a time at or before now would not fire again, so the earliest is now + 1 ms.
 */
export function createWakeSync(storage: DurableObjectStorage, initial: number | null) {
  let current = initial
  function sync(wake: Wake | null): void {
    if (wake === null) return
    if (wake.orEarlier && current !== null && current <= wake.at) return
    const target = Math.max(wake.at, Date.now() + 1)
    if (target === current) return
    current = target
    void storage.setAlarm(target)
  }
  /** The alarm has fired: no alarm is set until the next sync sets one. */
  function fired(): void {
    current = null
  }
  return { sync, fired }
}
