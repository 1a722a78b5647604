import { waitUntil } from 'cloudflare:workers'
import type { FreightTemplate, MemberLevelBenefit, Promotion } from '../domain/pricing/types'
import { blacklistKeys } from './pricing-blacklist'
import { livePromotions } from './pricing-catalog'
import {
  findPointsPolicy,
  listFreightTemplates,
  listMemberLevels,
  type PointsPolicyRecord,
} from './pricing-config'
import { createSharedCache, keepAliveWith } from './shared-cache'

/**
 * The pricing rules every quote needs, cached in isolate memory for a short TTL so quotes and
 * placements do not each query D1 (one single-threaded database). Admin writes in this isolate
 * evict at once; other isolates see a change within twice the TTL, and a placement re-checks the price
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
const options = { ttlMs, staleMs: ttlMs, keepAlive: keepAliveWith(waitUntil) }
const rules = createSharedCache<'rules', PricingRules>(options)
const blacklist = createSharedCache<'blacklist', ReadonlySet<string>>(options)

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

/** Concurrent misses share one batch of queries; an expired set is served while one refresh runs. */
export function cachedPricingRules(
  db: D1Database,
  now: number = Date.now(),
): Promise<PricingRules> {
  return rules.get('rules', () => loadRules(db, now), now)
}

export function cachedBlacklist(
  db: D1Database,
  now: number = Date.now(),
): Promise<ReadonlySet<string>> {
  return blacklist.get('blacklist', async () => new Set(await blacklistKeys(db)), now)
}

/** Admin writes call this so the next quote in this isolate sees them. */
export function evictPricingRules(): void {
  rules.evict()
  blacklist.evict()
}
