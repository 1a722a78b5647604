import type { CouponTemplate } from '../../src/domain/pricing/types'
import type { WalletProjection } from '../../src/store/wallet-projection'
import { createOutbox, type Outbox } from '../shared/outbox'
import { ensureWalletSchema, walletSchemaExists } from './schema'
import type { CouponStatus, Redemption, RedemptionState, WalletCoupon } from './types'

interface CouponRow extends Record<string, SqlStorageValue> {
  id: string
  template_id: string
  title: string
  terms: string
  status: string
  order_id: string | null
  starts_at: number
  ends_at: number
  issued_at: number
  version: number
}

interface RedemptionRow extends Record<string, SqlStorageValue> {
  order_id: string
  coupon_ids: string
  points: number
  state: string
  points_restored: number
}

function toCoupon(r: CouponRow): WalletCoupon {
  return {
    id: r.id,
    templateId: r.template_id,
    title: r.title,
    terms: JSON.parse(r.terms) as CouponTemplate,
    status: r.status as CouponStatus,
    orderId: r.order_id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    issuedAt: r.issued_at,
  }
}

function toRedemption(r: RedemptionRow): Redemption {
  return {
    orderId: r.order_id,
    couponIds: JSON.parse(r.coupon_ids) as string[],
    points: r.points,
    state: r.state as RedemptionState,
    pointsRestored: r.points_restored,
  }
}

export interface PointsMove {
  readonly opId: string
  readonly delta: number
  readonly reason: string
  readonly orderId: string | null
}

/**
 * Row access for one wallet. Every state change also writes its projection to the outbox, so a
 * caller inside one transactionSync cannot change a coupon or the balance without D1 hearing.
 */
export class WalletLedger {
  readonly outbox: Outbox<WalletProjection>
  private hasSchema = false

  constructor(
    private readonly sql: SqlStorage,
    private readonly userId: string,
  ) {
    const outbox = createOutbox<WalletProjection>(sql)
    // A wallet that never stored anything has no tables: its outbox is empty.
    this.outbox = {
      ...outbox,
      pending: (limit) => (this.ready() ? outbox.pending(limit) : []),
      size: () => (this.ready() ? outbox.size() : 0),
      nextAttemptAt: () => (this.ready() ? outbox.nextAttemptAt() : null),
    }
  }

  /** Whether the wallet has tables; a wallet without them reads as empty. */
  private ready(): boolean {
    if (!this.hasSchema) this.hasSchema = walletSchemaExists(this.sql)
    return this.hasSchema
  }

  private ensure(): void {
    if (!this.ready()) ensureWalletSchema(this.sql)
  }

  wallet(): { level: number; levelVersion: number; points: number } {
    if (!this.ready()) return { level: 0, levelVersion: 0, points: 0 }
    const row = this.sql
      .exec<{ level: number; level_version: number; points: number }>(
        'SELECT level, level_version, points FROM wallet',
      )
      .one()
    return { level: row.level, levelVersion: row.level_version, points: row.points }
  }

  setLevel(level: number, now: number): void {
    this.ensure()
    const version = this.wallet().levelVersion + 1
    this.sql.exec('UPDATE wallet SET level = ?, level_version = ?', level, version)
    this.outbox.add({ kind: 'level', userId: this.userId, level, version, at: now }, now)
  }

  coupon(id: string): WalletCoupon | null {
    if (!this.ready()) return null
    const row = this.sql.exec<CouponRow>('SELECT * FROM coupons WHERE id = ?', id).toArray()[0]
    return row ? toCoupon(row) : null
  }

  coupons(): WalletCoupon[] {
    if (!this.ready()) return []
    return this.sql
      .exec<CouponRow>('SELECT * FROM coupons ORDER BY issued_at, id')
      .toArray()
      .map(toCoupon)
  }

  insertCoupon(c: WalletCoupon, now: number): void {
    this.ensure()
    this.sql.exec(
      `INSERT INTO coupons (id, template_id, title, terms, status, order_id, starts_at, ends_at,
        issued_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
      c.id,
      c.templateId,
      c.title,
      JSON.stringify(c.terms),
      c.status,
      c.orderId,
      c.startsAt,
      c.endsAt,
      c.issuedAt,
    )
    this.projectCoupon(c.id, now)
  }

  setCoupon(id: string, status: CouponStatus, orderId: string | null, now: number): void {
    this.sql.exec(
      'UPDATE coupons SET status = ?, order_id = ?, version = version + 1 WHERE id = ?',
      status,
      orderId,
      id,
    )
    this.projectCoupon(id, now)
  }

  private projectCoupon(id: string, now: number): void {
    const row = this.sql.exec<CouponRow>('SELECT * FROM coupons WHERE id = ?', id).one()
    const c = toCoupon(row)
    const { templateId, status, orderId, startsAt, endsAt, issuedAt } = c
    const projection = { templateId, status, orderId, startsAt, endsAt, issuedAt }
    this.outbox.add(
      { kind: 'coupon', id, userId: this.userId, ...projection, version: row.version, at: now },
      now,
    )
  }

  redemption(orderId: string): Redemption | null {
    if (!this.ready()) return null
    const row = this.sql
      .exec<RedemptionRow>('SELECT * FROM redemptions WHERE order_id = ?', orderId)
      .toArray()[0]
    return row ? toRedemption(row) : null
  }

  saveRedemption(r: Redemption, now: number): void {
    this.ensure()
    this.sql.exec(
      `INSERT INTO redemptions (order_id, coupon_ids, points, state, points_restored, created_at,
        updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (order_id) DO UPDATE SET state = excluded.state,
         points_restored = excluded.points_restored, updated_at = excluded.updated_at`,
      r.orderId,
      JSON.stringify(r.couponIds),
      r.points,
      r.state,
      r.pointsRestored,
      now,
      now,
    )
  }

  hasOp(opId: string): boolean {
    if (!this.ready()) return false
    return this.sql.exec('SELECT 1 FROM points_ledger WHERE op_id = ?', opId).toArray().length > 0
  }

  /** Moves the balance and logs it; the caller has checked it stays non-negative. */
  movePoints(move: PointsMove, now: number): number {
    this.ensure()
    const balanceAfter = this.wallet().points + move.delta
    this.sql.exec('UPDATE wallet SET points = ?', balanceAfter)
    const { seq } = this.sql
      .exec<{ seq: number }>(
        `INSERT INTO points_ledger (op_id, delta, reason, order_id, balance_after, at)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING seq`,
        move.opId,
        move.delta,
        move.reason,
        move.orderId,
        balanceAfter,
        now,
      )
      .one()
    const { delta, reason, orderId } = move
    const entry = { userId: this.userId, seq, delta, reason, orderId, balanceAfter, at: now }
    this.outbox.add({ kind: 'points', ...entry }, now)
    return balanceAfter
  }
}
