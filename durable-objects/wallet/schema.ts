import { type ActorSchema, ensureSchema, schemaExists } from '../shared/migrator'
import { outboxSchema } from '../shared/outbox'

/**
 * The wallet actor's SQLite schema, created by the wallet's first write of a coupon, points or
 * level: a buyer who never has any costs no rows. Keyed tables are WITHOUT ROWID, so their key
 * is the table and no second index is written. The CHECK on points is a last guard: the actor
 * checks the balance first, and a write that would overdraw aborts its whole transaction
 * instead of committing a negative balance. Wallets created by older builds have the same
 * tables (plus a migration table and an index that stay unused), so they need no upgrade.
 */
const walletTables: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS wallet (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    level INTEGER NOT NULL DEFAULT 0,
    level_version INTEGER NOT NULL DEFAULT 0,
    points INTEGER NOT NULL DEFAULT 0 CHECK (points >= 0)
  )`,
  'INSERT OR IGNORE INTO wallet (singleton) VALUES (1)',
  `CREATE TABLE IF NOT EXISTS coupons (
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
  ) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS redemptions (
    order_id TEXT PRIMARY KEY,
    coupon_ids TEXT NOT NULL,
    points INTEGER NOT NULL CHECK (points >= 0),
    state TEXT NOT NULL CHECK (state IN ('held', 'consumed', 'released')),
    points_restored INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS points_ledger (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id TEXT NOT NULL UNIQUE,
    delta INTEGER NOT NULL,
    reason TEXT NOT NULL,
    order_id TEXT,
    balance_after INTEGER NOT NULL CHECK (balance_after >= 0),
    at INTEGER NOT NULL
  )`,
  outboxSchema,
]

const walletSchema: ActorSchema = { probe: 'wallet', create: walletTables }

export function walletSchemaExists(sql: SqlStorage): boolean {
  return schemaExists(sql, walletSchema)
}

/** Creates the wallet's tables if this is its first write; the caller holds the transaction. */
export function ensureWalletSchema(sql: SqlStorage): void {
  ensureSchema(sql, walletSchema)
}
