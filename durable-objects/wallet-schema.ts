import { outboxSchema } from './outbox'

/**
 * The wallet actor's own SQLite schema, by version; a version runs once, in order, so a wallet
 * created under an older build upgrades itself on first wake. The CHECK on points is a last
 * guard: the actor checks the balance first, and a write that would overdraw aborts its whole
 * transaction instead of committing a negative balance.
 */
const migrations: readonly (readonly string[])[] = [
  [
    `CREATE TABLE wallet (
      singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
      level INTEGER NOT NULL DEFAULT 0,
      level_version INTEGER NOT NULL DEFAULT 0,
      points INTEGER NOT NULL DEFAULT 0 CHECK (points >= 0)
    )`,
    'INSERT INTO wallet (singleton) VALUES (1)',
    `CREATE TABLE coupons (
      id TEXT PRIMARY KEY,
      template_id TEXT NOT NULL,
      title TEXT NOT NULL,
      terms TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('available', 'locked', 'used')),
      order_id TEXT,
      starts_at INTEGER NOT NULL,
      ends_at INTEGER NOT NULL,
      issued_at INTEGER NOT NULL,
      version INTEGER NOT NULL
    )`,
    `CREATE TABLE redemptions (
      order_id TEXT PRIMARY KEY,
      coupon_ids TEXT NOT NULL,
      points INTEGER NOT NULL CHECK (points >= 0),
      state TEXT NOT NULL CHECK (state IN ('held', 'consumed', 'released')),
      points_restored INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    )`,
    `CREATE TABLE points_ledger (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      op_id TEXT NOT NULL UNIQUE,
      delta INTEGER NOT NULL,
      reason TEXT NOT NULL,
      order_id TEXT,
      balance_after INTEGER NOT NULL CHECK (balance_after >= 0),
      at INTEGER NOT NULL
    )`,
    'CREATE TABLE admissions (at INTEGER NOT NULL)',
    'CREATE INDEX admissions_by_time ON admissions (at)',
    outboxSchema,
  ],
]

export function migrateWalletSchema(sql: SqlStorage): void {
  sql.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)')
  const row = sql
    .exec<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations')
    .one()
  for (let version = (row.v ?? 0) + 1; version <= migrations.length; version++) {
    for (const statement of migrations[version - 1] ?? []) sql.exec(statement)
    sql.exec('INSERT INTO schema_migrations (version) VALUES (?)', version)
  }
}
