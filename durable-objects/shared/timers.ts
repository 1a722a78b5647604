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

type TimerTable = Readonly<Record<string, { readonly dueAt: number; readonly action: string }>>

/** Where an actor keeps its timers: a field of a row it reads and writes as a whole. */
export interface TimerHome {
  meta(): { readonly timers: TimerTable }
  changeMeta(fn: (meta: { readonly timers: TimerTable }) => { timers: TimerTable }): void
}

export function createTimers(state: TimerHome) {
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
