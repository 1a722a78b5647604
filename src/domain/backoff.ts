/**
 * The one retry schedule: `first`, doubling with each further attempt, never more than `cap`.
 * Attempt 1 (or 0, not tried yet) waits `first`. Units are the caller's (ms or seconds).
 */
export function backoff(attempts: number, first: number, cap: number): number {
  return Math.min(cap, first * 2 ** Math.max(0, attempts - 1))
}
