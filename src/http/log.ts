import { meter, metersOn } from '../metering/meters'

/**
 * Structured logs: one JSON object per line, which Workers Logs indexes field by field. The level
 * comes from LOG_LEVEL (debug, info, warn, error, silent; info when unset); tests run at error so
 * that only what nobody expected reaches their output.
 */
const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const

export type LogLevel = Exclude<keyof typeof levels, 'silent'>

function threshold(setting: string | undefined): number {
  return setting && Object.hasOwn(levels, setting)
    ? levels[setting as keyof typeof levels]
    : levels.info
}

export type LogFields = Record<string, unknown>

export function log(
  env: { LOG_LEVEL?: string; METERS?: string },
  level: LogLevel,
  msg: string,
  fields: LogFields,
): void {
  // Benches run quiet; the meters count what production, at info, would write.
  if (metersOn(env) && levels[level] >= levels.info) meter.logLine()
  if (levels[level] < threshold(env.LOG_LEVEL)) return
  const line = JSON.stringify({ level, msg, ...fields })
  // biome-ignore lint/suspicious/noConsole: the one place logs leave the Worker
  if (level === 'error') console.error(line)
  // biome-ignore lint/suspicious/noConsole: the one place logs leave the Worker
  else console.log(line)
}

/** An error as fields a log line can carry: its name, message and stack, never the object. */
export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) {
    return { error: { name: error.name, message: error.message, stack: error.stack } }
  }
  return { error: { name: typeof error, message: String(error) } }
}
