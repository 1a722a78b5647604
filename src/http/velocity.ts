import { setBounded } from './bounded-map'

/**
 * The abnormal-velocity brake: orders one buyer placed in the last minute, counted in this
 * isolate's memory. It counts placed orders only, so refused attempts neither count nor write
 * anything; it sees the placements served by this isolate, which is where one client's burst
 * lands. The exact guards — stock and the per-buyer limit — live in the stock buckets.
 */
const windowMs = 60_000
/** Buyers remembered at most; the oldest are forgotten first, so memory stays bounded. */
const maxBuyers = 10_000
const placed = new Map<string, number[]>()

function recent(userId: string, now: number): number[] {
  const times = (placed.get(userId) ?? []).filter((t) => t > now - windowMs)
  if (times.length === 0) placed.delete(userId)
  else placed.set(userId, times)
  return times
}

/** Whether the buyer may place one more order now. */
export function underVelocity(userId: string, limit: number, now: number = Date.now()): boolean {
  return recent(userId, now).length < limit
}

export function countPlacement(userId: string, now: number = Date.now()): void {
  const times = recent(userId, now)
  setBounded(placed, userId, [...times, now], maxBuyers)
}
