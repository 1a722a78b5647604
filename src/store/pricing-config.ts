import type {
  FreightRegionRule,
  FreightTemplate,
  MemberLevelBenefit,
  PointsPolicy,
} from '../domain/pricing/types'

/** D1 access to member levels, the points policy and freight templates (migrations/0004). */

export interface MemberLevelRecord extends MemberLevelBenefit {
  readonly name: string
}

export async function putMemberLevel(
  db: D1Database,
  l: MemberLevelRecord,
  now: number,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO member_levels (level, name, discount_bps, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (level) DO UPDATE SET name = excluded.name,
         discount_bps = excluded.discount_bps, updated_at = excluded.updated_at`,
    )
    .bind(l.level, l.name, l.discountBps, now)
    .run()
}

export async function listMemberLevels(db: D1Database): Promise<MemberLevelRecord[]> {
  const { results } = await db
    .prepare('SELECT level, name, discount_bps AS discountBps FROM member_levels ORDER BY level')
    .all<MemberLevelRecord>()
  return results
}

/** The engine's policy plus a cap on the count of points one order may use. */
export interface PointsPolicyRecord extends PointsPolicy {
  readonly maxPointsPerOrder: number | null
}

export async function putPointsPolicy(
  db: D1Database,
  p: PointsPolicyRecord,
  now: number,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO points_policy (singleton, rate_points, rate_minor_units, max_share_bps,
         max_points_per_order, updated_at) VALUES (1, ?, ?, ?, ?, ?)
       ON CONFLICT (singleton) DO UPDATE SET rate_points = excluded.rate_points,
         rate_minor_units = excluded.rate_minor_units, max_share_bps = excluded.max_share_bps,
         max_points_per_order = excluded.max_points_per_order, updated_at = excluded.updated_at`,
    )
    .bind(p.rate.points, p.rate.minorUnits, p.maxShareBps, p.maxPointsPerOrder, now)
    .run()
}

export async function findPointsPolicy(db: D1Database): Promise<PointsPolicyRecord | null> {
  const row = await db
    .prepare(
      `SELECT rate_points, rate_minor_units, max_share_bps, max_points_per_order
       FROM points_policy WHERE singleton = 1`,
    )
    .first<{
      rate_points: number
      rate_minor_units: number
      max_share_bps: number
      max_points_per_order: number | null
    }>()
  if (!row) return null
  return {
    rate: { points: row.rate_points, minorUnits: row.rate_minor_units },
    maxShareBps: row.max_share_bps,
    maxPointsPerOrder: row.max_points_per_order,
  }
}

// ---- Freight templates -----------------------------------------------------------------------

export interface FreightRecord extends FreightTemplate {
  readonly currency: string
  readonly version: number
}

interface FreightRow {
  id: string
  store_id: string
  warehouse_id: string | null
  currency: string
  rules: string
  version: number
}

function toFreight(r: FreightRow): FreightRecord {
  return {
    id: r.id,
    storeId: r.store_id,
    ...(r.warehouse_id === null ? {} : { warehouseId: r.warehouse_id }),
    currency: r.currency,
    rules: JSON.parse(r.rules) as FreightRegionRule[],
    version: r.version,
  }
}

/**
 * Creates or replaces a freight template. Returns false when another template already prices
 * this store (and warehouse): the engine would not know which one to use.
 */
export async function putFreightTemplate(
  db: D1Database,
  t: Omit<FreightRecord, 'version'>,
  now: number,
): Promise<boolean> {
  const statement = db
    .prepare(
      `INSERT INTO freight_templates (id, store_id, warehouse_id, currency, rules, version,
         created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET store_id = excluded.store_id,
         warehouse_id = excluded.warehouse_id, currency = excluded.currency,
         rules = excluded.rules, version = freight_templates.version + 1,
         updated_at = excluded.updated_at`,
    )
    .bind(t.id, t.storeId, t.warehouseId ?? null, t.currency, JSON.stringify(t.rules), now, now)
  try {
    await statement.run()
    return true
  } catch (err) {
    // Only the (store, warehouse) index can clash: ON CONFLICT (id) handles the id.
    if (err instanceof Error && err.message.includes('UNIQUE')) return false
    throw err
  }
}

export async function findFreightTemplate(
  db: D1Database,
  id: string,
): Promise<FreightRecord | null> {
  const row = await db
    .prepare('SELECT * FROM freight_templates WHERE id = ?')
    .bind(id)
    .first<FreightRow>()
  return row ? toFreight(row) : null
}

/** Every template: one or two per store, small enough for quotes to cache whole. */
export async function listFreightTemplates(db: D1Database): Promise<FreightRecord[]> {
  const { results } = await db
    .prepare('SELECT * FROM freight_templates ORDER BY store_id, id')
    .all<FreightRow>()
  return results.map(toFreight)
}
