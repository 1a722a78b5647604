import { AppError } from '../errors'
import type { ReportFilter } from '../store/reports-sql'

const dayMs = 86_400_000
const maxDays = 366
const defaultDays = 30

/** The query every report takes, as its route validated it. */
export interface ReportQuery {
  readonly from?: string | undefined
  readonly to?: string | undefined
  readonly tz: number
  readonly storeId?: string | undefined
  readonly currency?: string | undefined
}

export interface ReportRange extends ReportFilter {
  readonly tzOffsetMinutes: number
}

/** A 400 naming one query field, shaped like the router's own validation failures. */
export function queryFieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `query ${field}: ${message}`, {
    target: 'query',
    issues: [{ field, code: 'custom', message }],
  })
}

/** A date means its midnight at the given offset; an instant means itself. */
export function epochOf(field: string, value: string, tzMinutes: number): number {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  const ms = date
    ? Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])) - tzMinutes * 60_000
    : Date.parse(value)
  if (!Number.isSafeInteger(ms)) throw queryFieldError(field, 'not a valid date or instant')
  return ms
}

export function reportRange(
  q: ReportQuery,
  now: number = Date.now(),
  days: number = defaultDays,
): ReportRange {
  const to = q.to === undefined ? now : epochOf('to', q.to, q.tz)
  const from = q.from === undefined ? to - days * dayMs : epochOf('from', q.from, q.tz)
  if (!(from < to)) throw queryFieldError('to', 'must be after from')
  if (to - from > maxDays * dayMs)
    throw queryFieldError('from', `the range is over ${maxDays} days`)
  return {
    from,
    to,
    tzOffsetMinutes: q.tz,
    ...(q.storeId === undefined ? {} : { storeId: q.storeId }),
    ...(q.currency === undefined ? {} : { currency: q.currency }),
  }
}

/** The range as the report echoes it back. */
export function rangeView(r: ReportRange) {
  return {
    from: new Date(r.from).toISOString(),
    to: new Date(r.to).toISOString(),
    tz: r.tzOffsetMinutes,
  }
}
