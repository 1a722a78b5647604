import type { Promotion, PromotionLevel, PromotionRule, Scope } from '../domain/pricing/types'

/** D1 access to promotions (migrations/0004). */

export interface PromotionFields {
  readonly title: string
  readonly level: PromotionLevel
  /** Set exactly when level is 'store'. */
  readonly storeId: string | null
  readonly currency: string
  readonly rule: PromotionRule
  readonly scope: Scope
  readonly minMemberLevel: number
  readonly startsAt: number
  readonly endsAt: number
  readonly priority: number
  readonly exclusive: boolean
  readonly active: boolean
}

export interface PromotionRecord extends PromotionFields {
  readonly id: string
  readonly version: number
}

interface PromotionRow {
  id: string
  title: string
  level: PromotionLevel
  store_id: string | null
  currency: string
  rule: string
  scope: string
  min_member_level: number
  starts_at: number
  ends_at: number
  priority: number
  exclusive: number
  active: number
  version: number
}

function toPromotionRecord(r: PromotionRow): PromotionRecord {
  return {
    id: r.id,
    title: r.title,
    level: r.level,
    storeId: r.store_id,
    currency: r.currency,
    rule: JSON.parse(r.rule) as PromotionRule,
    scope: JSON.parse(r.scope) as Scope,
    minMemberLevel: r.min_member_level,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    priority: r.priority,
    exclusive: r.exclusive === 1,
    active: r.active === 1,
    version: r.version,
  }
}

/** The engine's view of a promotion. */
export function toPromotion(p: PromotionRecord): Promotion {
  const common = {
    id: p.id,
    rule: p.rule,
    scope: p.scope,
    minMemberLevel: p.minMemberLevel,
    startsAt: p.startsAt,
    endsAt: p.endsAt,
    priority: p.priority,
    exclusive: p.exclusive,
  }
  return p.level === 'store' && p.storeId !== null
    ? { ...common, level: 'store', storeId: p.storeId }
    : { ...common, level: 'platform' }
}

function promotionValues(f: PromotionFields): unknown[] {
  return [
    f.title,
    f.level,
    f.storeId,
    f.currency,
    JSON.stringify(f.rule),
    JSON.stringify(f.scope),
    f.minMemberLevel,
    f.startsAt,
    f.endsAt,
    f.priority,
    f.exclusive ? 1 : 0,
    f.active ? 1 : 0,
  ]
}

/** Creates a promotion; false when the id is taken. */
export async function insertPromotion(
  db: D1Database,
  id: string,
  f: PromotionFields,
  now: number,
): Promise<boolean> {
  const res = await db
    .prepare(
      `INSERT OR IGNORE INTO promotions (id, title, level, store_id, currency, rule, scope,
        min_member_level, starts_at, ends_at, priority, exclusive, active, version, created_at,
        updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    )
    .bind(id, ...promotionValues(f), now, now)
    .run()
  return res.meta.changes === 1
}

export async function updatePromotion(
  db: D1Database,
  id: string,
  f: PromotionFields,
  now: number,
): Promise<boolean> {
  const res = await db
    .prepare(
      `UPDATE promotions SET title = ?, level = ?, store_id = ?, currency = ?, rule = ?, scope = ?,
        min_member_level = ?, starts_at = ?, ends_at = ?, priority = ?, exclusive = ?, active = ?,
        version = version + 1, updated_at = ? WHERE id = ?`,
    )
    .bind(...promotionValues(f), now, id)
    .run()
  return res.meta.changes === 1
}

export async function findPromotion(db: D1Database, id: string): Promise<PromotionRecord | null> {
  const row = await db
    .prepare('SELECT * FROM promotions WHERE id = ?')
    .bind(id)
    .first<PromotionRow>()
  return row ? toPromotionRecord(row) : null
}

/** A page of promotions by id, after `cursor`; optionally only one store's or running ones. */
export async function listPromotions(
  db: D1Database,
  q: { storeId?: string; runningAt?: number; after?: string; limit: number },
): Promise<PromotionRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM promotions WHERE (?1 IS NULL OR store_id = ?1)
        AND (?2 IS NULL OR (active = 1 AND starts_at <= ?2 AND ends_at > ?2))
        AND (?3 IS NULL OR id > ?3) ORDER BY id LIMIT ?4`,
    )
    .bind(q.storeId ?? null, q.runningAt ?? null, q.after ?? null, q.limit)
    .all<PromotionRow>()
  return results.map(toPromotionRecord)
}

/** Active promotions not yet over: what quotes choose from (the engine checks the window). */
export async function livePromotions(db: D1Database, now: number): Promise<Promotion[]> {
  const { results } = await db
    .prepare('SELECT * FROM promotions WHERE active = 1 AND ends_at > ? ORDER BY id')
    .bind(now)
    .all<PromotionRow>()
  return results.map((r) => toPromotion(toPromotionRecord(r)))
}
