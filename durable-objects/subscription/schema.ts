import { migrateNumbered, tableExists } from '../shared/migrator'

/**
 * Storage schema of a SubscriptionActor, as numbered migrations: created by the actor's first
 * write (a refused or replayed create, or a read, writes nothing), and brought up to date when an
 * existing actor starts, so a deploy that adds one upgrades every subscription lazily. The
 * subscription itself is one row (its snapshot as JSON): a change writes that row and its timers.
 */
const MIGRATIONS: readonly (readonly string[])[] = [
  [
    `CREATE TABLE subscription (
      id TEXT PRIMARY KEY,
      request_hash TEXT NOT NULL,
      snapshot TEXT NOT NULL,
      version INTEGER NOT NULL,
      projected_version INTEGER NOT NULL DEFAULT 0,
      renewing TEXT
    ) WITHOUT ROWID`,
    `CREATE TABLE deliveries (
      slot INTEGER PRIMARY KEY,
      cycle INTEGER NOT NULL UNIQUE,
      order_id TEXT NOT NULL,
      amount INTEGER NOT NULL CHECK (amount >= 0),
      currency TEXT NOT NULL,
      at INTEGER NOT NULL
    )`,
    `CREATE TABLE timers (
      kind TEXT PRIMARY KEY,
      due_at INTEGER NOT NULL
    ) WITHOUT ROWID`,
  ],
]

export const SUBSCRIPTION_SCHEMA_VERSION = MIGRATIONS.length

export function subscriptionSchemaExists(sql: SqlStorage): boolean {
  return tableExists(sql, 'schema_migrations')
}

/** Call inside one storage transaction; applying it again is a no-op. */
export function migrateSubscriptionSchema(sql: SqlStorage): void {
  migrateNumbered(sql, MIGRATIONS)
}
