/**
 * Many logical timers over a Durable Object's single alarm. Each timer is a row (kind, due_at,
 * action); the alarm is always set to the earliest due time. Alarms are at-least-once, so a
 * timer is deleted in the same transaction as the work it triggers.
 */
export const timersSchema = `CREATE TABLE IF NOT EXISTS timers (
  kind TEXT PRIMARY KEY,
  due_at INTEGER NOT NULL,
  action TEXT NOT NULL
)`

export interface TimerRow {
  readonly kind: string
  readonly dueAt: number
  readonly action: string
}

export function createTimers(sql: SqlStorage) {
  function set(kind: string, dueAt: number, action: string): void {
    sql.exec(
      'INSERT INTO timers (kind, due_at, action) VALUES (?, ?, ?) ' +
        'ON CONFLICT (kind) DO UPDATE SET due_at = excluded.due_at, action = excluded.action',
      kind,
      dueAt,
      action,
    )
  }

  function clear(kind: string): void {
    sql.exec('DELETE FROM timers WHERE kind = ?', kind)
  }

  function due(now: number): TimerRow[] {
    return sql
      .exec<{ kind: string; due_at: number; action: string }>(
        'SELECT kind, due_at, action FROM timers WHERE due_at <= ? ORDER BY due_at, kind',
        now,
      )
      .toArray()
      .map((r) => ({ kind: r.kind, dueAt: r.due_at, action: r.action }))
  }

  function all(): TimerRow[] {
    return due(Number.MAX_SAFE_INTEGER)
  }

  function earliest(): number | null {
    const row = sql.exec<{ at: number | null }>('SELECT min(due_at) AS at FROM timers').one()
    return row.at
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
