import { meteredEnv } from './metered-env'
import { meter, metersOn } from './meters'

const patched = new WeakSet<object>()

/**
 * An actor's env as it should use it, and, with METERS=on, its SQLite rows, alarm writes and
 * alarm invocations counted. Called once per actor construction; with the flag off it returns
 * the env untouched and changes nothing.
 */
export function meterActor<E extends object>(
  ctx: DurableObjectState,
  env: E,
  proto: object,
  cls: string,
): E {
  if (!metersOn(env)) return env
  const storage = ctx.storage
  const sql = storage.sql
  const exec = sql.exec.bind(sql)
  Object.defineProperty(sql, 'exec', {
    value: (query: string, ...bindings: unknown[]) => {
      const cursor = exec(query, ...bindings)
      meter.cursor(cls, query, cursor)
      return cursor
    },
  })
  const setAlarm = storage.setAlarm.bind(storage)
  const deleteAlarm = storage.deleteAlarm.bind(storage)
  Object.defineProperty(storage, 'setAlarm', {
    value: (...args: Parameters<DurableObjectStorage['setAlarm']>) => {
      meter.alarmWrite(cls, 'setAlarm')
      return setAlarm(...args)
    },
  })
  Object.defineProperty(storage, 'deleteAlarm', {
    value: (...args: Parameters<DurableObjectStorage['deleteAlarm']>) => {
      meter.alarmWrite(cls, 'deleteAlarm')
      return deleteAlarm(...args)
    },
  })
  countAlarms(proto, cls)
  return meteredEnv(env)
}

function countAlarms(proto: object, cls: string): void {
  if (patched.has(proto)) return
  patched.add(proto)
  const alarm = Reflect.get(proto, 'alarm')
  if (typeof alarm !== 'function') return
  Object.defineProperty(proto, 'alarm', {
    value: function (this: unknown, ...args: unknown[]) {
      meter.doCall(cls, 'alarm')
      return Reflect.apply(alarm, this, args)
    },
    configurable: true,
    writable: true,
  })
}
