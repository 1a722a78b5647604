import type { FreightTemplate, MemberLevelBenefit, Promotion } from '../domain/pricing/types'
import { blacklistKeys } from './pricing-blacklist'
import { livePromotions } from './pricing-catalog'
import {
  findPointsPolicy,
  listFreightTemplates,
  listMemberLevels,
  type PointsPolicyRecord,
} from './pricing-config'

/**
 * The pricing rules every quote needs, cached in isolate memory for a short TTL so quotes and
 * placements do not each query D1 (one single-threaded database). Admin writes in this isolate
 * evict at once; other isolates see a change within the TTL, and a placement re-checks the price
 * the buyer confirmed, so a stale rule costs a PRICE_CHANGED at worst, never a wrong charge.
 * Promotions, templates, levels and the blacklist are admin-sized (thousands of rows, not
 * millions), so each is loaded whole in one batch.
 */
export interface PricingRules {
  readonly promotions: readonly Promotion[]
  readonly freightTemplates: readonly FreightTemplate[]
  readonly memberLevels: readonly MemberLevelBenefit[]
  readonly pointsPolicy: PointsPolicyRecord | null
  /** How many coupon templates exist: with none, no buyer can hold a coupon to apply. */
  readonly couponTemplates: number
}

const ttlMs = 10_000
let rules: { value: PricingRules; at: number } | undefined
let blacklist: { keys: ReadonlySet<string>; at: number } | undefined
// Bumped by every eviction, so a load that started before an admin write is not cached after it.
let generation = 0

async function loadRules(db: D1Database, now: number): Promise<PricingRules> {
  const [promotions, freightTemplates, levels, pointsPolicy, templates] = await Promise.all([
    livePromotions(db, now),
    listFreightTemplates(db),
    listMemberLevels(db),
    findPointsPolicy(db),
    db.prepare('SELECT count(*) AS n FROM coupon_templates').first<{ n: number }>(),
  ])
  const memberLevels = levels.map(({ level, discountBps }) => ({ level, discountBps }))
  const couponTemplates = templates?.n ?? 0
  return { promotions, freightTemplates, memberLevels, pointsPolicy, couponTemplates }
}

export async function cachedPricingRules(
  db: D1Database,
  now: number = Date.now(),
): Promise<PricingRules> {
  if (rules && now - rules.at < ttlMs) return rules.value
  // Loads are not shared between requests: Workers refuses a promise from another request's I/O.
  const started = generation
  const value = await loadRules(db, now)
  if (started === generation) rules = { value, at: now }
  return value
}

export async function cachedBlacklist(
  db: D1Database,
  now: number = Date.now(),
): Promise<ReadonlySet<string>> {
  if (blacklist && now - blacklist.at < ttlMs) return blacklist.keys
  const started = generation
  const keys = new Set(await blacklistKeys(db))
  if (started === generation) blacklist = { keys, at: now }
  return keys
}

/** Admin writes call this so the next quote in this isolate sees them. */
export function evictPricingRules(): void {
  generation += 1
  rules = undefined
  blacklist = undefined
}
