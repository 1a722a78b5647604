/**
 * What a WalletActor's outbox carries to D1, and the statements that apply it. The actor is the
 * source of truth; these rows are its projection for admins and reports. Every statement is
 * idempotent (forward-only by version, or insert-or-ignore on its key), so a redelivered outbox
 * row changes nothing.
 */

export type CouponStatus = 'available' | 'locked' | 'used'

export interface CouponProjection {
  readonly kind: 'coupon'
  readonly id: string
  readonly templateId: string
  readonly userId: string
  readonly status: CouponStatus
  readonly orderId: string | null
  readonly startsAt: number
  readonly endsAt: number
  readonly issuedAt: number
  readonly version: number
  readonly at: number
}

export interface PointsProjection {
  readonly kind: 'points'
  readonly userId: string
  readonly seq: number
  readonly delta: number
  readonly reason: string
  readonly orderId: string | null
  readonly balanceAfter: number
  readonly at: number
}

export interface LevelProjection {
  readonly kind: 'level'
  readonly userId: string
  readonly level: number
  readonly version: number
  readonly at: number
}

export type WalletProjection = CouponProjection | PointsProjection | LevelProjection

function couponStatement(db: D1Database, p: CouponProjection): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO coupons (id, template_id, user_id, status, order_id, starts_at, ends_at,
         issued_at, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, order_id = excluded.order_id,
         version = excluded.version, updated_at = excluded.updated_at
       WHERE excluded.version > coupons.version`,
    )
    .bind(
      p.id,
      p.templateId,
      p.userId,
      p.status,
      p.orderId,
      p.startsAt,
      p.endsAt,
      p.issuedAt,
      p.version,
      p.at,
    )
}

function pointsStatements(db: D1Database, p: PointsProjection): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT OR IGNORE INTO points_ledger (user_id, seq, delta, reason, order_id,
           balance_after, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(p.userId, p.seq, p.delta, p.reason, p.orderId, p.balanceAfter, p.at),
    db
      .prepare(
        `INSERT INTO members (user_id, points_balance, points_version, updated_at)
         VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET points_balance = excluded.points_balance,
           points_version = excluded.points_version, updated_at = excluded.updated_at
         WHERE excluded.points_version > members.points_version`,
      )
      .bind(p.userId, p.balanceAfter, p.seq, p.at),
  ]
}

function levelStatement(db: D1Database, p: LevelProjection): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO members (user_id, level, level_version, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET level = excluded.level,
         level_version = excluded.level_version, updated_at = excluded.updated_at
       WHERE excluded.level_version > members.level_version`,
    )
    .bind(p.userId, p.level, p.version, p.at)
}

export function projectionStatements(
  db: D1Database,
  rows: readonly WalletProjection[],
): D1PreparedStatement[] {
  return rows.flatMap((p) => {
    if (p.kind === 'coupon') return [couponStatement(db, p)]
    if (p.kind === 'points') return pointsStatements(db, p)
    return [levelStatement(db, p)]
  })
}

export interface MemberRow {
  readonly userId: string
  readonly level: number
  readonly pointsBalance: number
}

/** The D1 view of a member (may lag the wallet by an outbox flush). */
export async function findMember(db: D1Database, userId: string): Promise<MemberRow | null> {
  return db
    .prepare(
      'SELECT user_id AS userId, level, points_balance AS pointsBalance FROM members WHERE user_id = ?',
    )
    .bind(userId)
    .first<MemberRow>()
}
