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
