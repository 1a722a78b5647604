import type { SubscriptionStatus } from '../domain/subscription/types'

/** What the projection keeps of a subscription: enough to list and filter it. */
export interface SubscriptionRow extends Record<string, unknown> {
  id: string
  user_id: string
  store_id: string
  status: SubscriptionStatus
  period: string
  cycles: number | null
  cycles_done: number
  price_amount: number
  currency: string
  next_renewal_at: number | null
  created_at: number
  updated_at: number
  version: number
}

const columns =
  'id, user_id, store_id, status, period, cycles, cycles_done, price_amount, currency, ' +
  'next_renewal_at, created_at, updated_at, version'

const upsertSql = `INSERT INTO subscriptions (${columns})
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
ON CONFLICT (id) DO UPDATE SET status = excluded.status, cycles_done = excluded.cycles_done,
  next_renewal_at = excluded.next_renewal_at, updated_at = excluded.updated_at,
  version = excluded.version
WHERE excluded.version > subscriptions.version`

/** Writes the row unless D1 already holds this version or a newer one. */
export async function projectSubscription(db: D1Database, row: SubscriptionRow): Promise<void> {
  await db
    .prepare(upsertSql)
    .bind(
      row.id,
      row.user_id,
      row.store_id,
      row.status,
      row.period,
      row.cycles,
      row.cycles_done,
      row.price_amount,
      row.currency,
      row.next_renewal_at,
      row.created_at,
      row.updated_at,
      row.version,
    )
    .run()
}

export interface SubscriptionListFilter {
  readonly userId?: string
  readonly storeId?: string
  readonly status?: SubscriptionStatus
  readonly limit: number
  readonly cursor?: { readonly createdAt: number; readonly id: string }
}

/** One page, newest first, keyset-paginated on (created_at, id). */
export async function listSubscriptions(
  db: D1Database,
  f: SubscriptionListFilter,
): Promise<SubscriptionRow[]> {
  const where: string[] = []
  const args: (string | number)[] = []
  const term = (sql: string, ...values: (string | number)[]) => {
    where.push(sql)
    args.push(...values)
  }
  if (f.userId !== undefined) term('user_id = ?', f.userId)
  if (f.storeId !== undefined) term('store_id = ?', f.storeId)
  if (f.status !== undefined) term('status = ?', f.status)
  if (f.cursor) {
    const { createdAt, id } = f.cursor
    term('(created_at < ? OR (created_at = ? AND id < ?))', createdAt, createdAt, id)
  }
  const sql =
    `SELECT ${columns} FROM subscriptions` +
    (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
    ' ORDER BY created_at DESC, id DESC LIMIT ?'
  const { results } = await db
    .prepare(sql)
    .bind(...args, f.limit)
    .all<SubscriptionRow>()
  return results
}
