import type { ErrorCode } from '../errors'

/**
 * Refusals a flash sale answers by the thousand a second: every one would log the same line, and
 * every line is a billed log event. The first of each kind in a window is still logged in full,
 * with its request id; the rest are only counted.
 */
const tallied: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'SOLD_OUT',
  'INSUFFICIENT_STOCK',
  'PURCHASE_LIMIT_EXCEEDED',
  'RATE_LIMITED',
])

export interface RefusalKind {
  readonly method: string
  readonly route: string | null
  readonly status: number
  readonly code: ErrorCode
}

export interface RefusalCount extends RefusalKind {
  /** Refusals of this kind in the window, the one logged in full included. */
  readonly total: number
}

export interface RefusalSummary {
  readonly from: string
  readonly to: string
  readonly refusals: RefusalCount[]
}

export const isTallied = (code: ErrorCode | undefined): code is ErrorCode =>
  code !== undefined && tallied.has(code)

/**
 * Counts tallied refusals per kind in windows of `windowMs`. A window opens with its first
 * refusal; its counts are handed out once, to the first caller after it ends, so an isolate
 * reports them with its next request.
 */
export function createRefusalTally(windowMs: number) {
  let opened: number | null = null
  const counts = new Map<string, RefusalCount>()

  /** Whether this refusal is the first of its kind in the window, to be logged in full. */
  function count(kind: RefusalKind, now: number): boolean {
    opened ??= now
    const key = `${kind.method} ${kind.route} ${kind.status} ${kind.code}`
    const known = counts.get(key)
    counts.set(key, { ...kind, total: (known?.total ?? 0) + 1 })
    return known === undefined
  }

  /** The ended window's counts, when it saw more than it logged; then a new window may open. */
  function due(now: number): RefusalSummary | null {
    if (opened === null || now < opened + windowMs) return null
    const refusals = [...counts.values()]
    const summary = { from: new Date(opened).toISOString(), to: new Date(now).toISOString() }
    opened = null
    counts.clear()
    return refusals.some((r) => r.total > 1) ? { ...summary, refusals } : null
  }

  return { count, due }
}
