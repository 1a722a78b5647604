import type { CouponBenefit, CouponTemplate, Scope } from '../domain/pricing/types'

/** D1 access to coupon templates (migrations/0004); issued coupons live in the wallet actors. */

export interface TemplateRecord {
  readonly id: string
  readonly title: string
  readonly currency: string
  readonly terms: CouponTemplate
  /** An issued coupon lasts this many days from its issue; null: the template window. */
  readonly validDays: number | null
  readonly issuedCount: number
}

interface TemplateRow {
  id: string
  title: string
  currency: string
  threshold_amount: number
  benefit: string
  scope: string
  stacking: 'stackable' | 'exclusive'
  starts_at: number
  ends_at: number
  valid_days: number | null
  issued_count: number
}

function toTemplate(r: TemplateRow): TemplateRecord {
  const terms: CouponTemplate = {
    id: r.id,
    threshold: { amount: r.threshold_amount, currency: r.currency },
    benefit: JSON.parse(r.benefit) as CouponBenefit,
    scope: JSON.parse(r.scope) as Scope,
    stacking: r.stacking,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
  }
  const { id, title, currency } = r
  return { id, title, currency, terms, validDays: r.valid_days, issuedCount: r.issued_count }
}

export async function insertTemplate(
  db: D1Database,
  t: Omit<TemplateRecord, 'issuedCount'>,
  now: number,
): Promise<boolean> {
  const res = await db
    .prepare(
      `INSERT OR IGNORE INTO coupon_templates (id, title, currency, threshold_amount, benefit,
        scope, stacking, starts_at, ends_at, valid_days, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      t.id,
      t.title,
      t.currency,
      t.terms.threshold.amount,
      JSON.stringify(t.terms.benefit),
      JSON.stringify(t.terms.scope),
      t.terms.stacking,
      t.terms.startsAt,
      t.terms.endsAt,
      t.validDays,
      now,
      now,
    )
    .run()
  return res.meta.changes === 1
}

export async function findTemplate(db: D1Database, id: string): Promise<TemplateRecord | null> {
  const row = await db
    .prepare('SELECT * FROM coupon_templates WHERE id = ?')
    .bind(id)
    .first<TemplateRow>()
  return row ? toTemplate(row) : null
}

/** Counts an issue; the coupon itself is recorded by the wallet's outbox. */
export async function countIssued(db: D1Database, id: string, now: number): Promise<void> {
  await db
    .prepare(
      'UPDATE coupon_templates SET issued_count = issued_count + 1, updated_at = ? WHERE id = ?',
    )
    .bind(now, id)
    .run()
}
