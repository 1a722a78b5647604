import { migrateNumbered } from '../shared/migrator'

/**
 * Storage schema of a StockActor, as numbered migrations. Each actor applies the ones it has not
 * seen yet when it starts, so a deploy that adds a migration upgrades every bucket lazily.
 */

const LEDGER_STATES = "state IN ('reserved', 'committed', 'released', 'expired')"

// The counts row is not created here: a bucket that is never stocked (or a limit actor) must not
// pay a row write for it. An absent row reads as no stock.
const MIGRATIONS: readonly (readonly string[])[] = [
  [
    `CREATE TABLE counts (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      received INTEGER NOT NULL CHECK (received >= 0),
      available INTEGER NOT NULL CHECK (available >= 0),
      reserved INTEGER NOT NULL CHECK (reserved >= 0),
      sold INTEGER NOT NULL CHECK (sold >= 0),
      CHECK (received = available + reserved + sold)
    )`,
    `CREATE TABLE reservations (
      order_id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      qty INTEGER NOT NULL CHECK (qty >= 0),
      lease_until INTEGER,
      state TEXT NOT NULL CHECK (${LEDGER_STATES})
    )`,
    "CREATE INDEX reservations_due ON reservations (lease_until) WHERE state = 'reserved'",
    `CREATE TABLE ops (
      op_id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      delta INTEGER NOT NULL
    )`,
    `CREATE TABLE quota_claims (
      order_id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      qty INTEGER NOT NULL CHECK (qty >= 0),
      lease_until INTEGER,
      state TEXT NOT NULL CHECK (${LEDGER_STATES})
    )`,
    "CREATE INDEX quota_claims_user ON quota_claims (user_id) WHERE state IN ('reserved', 'committed')",
    "CREATE INDEX quota_claims_due ON quota_claims (lease_until) WHERE state = 'reserved'",
  ],
  [
    // Units lent to a sibling bucket and not yet known to have arrived there: the actor name.
    'ALTER TABLE ops ADD COLUMN deliver_to TEXT',
  ],
  [
    // A sibling's probe asks for the units in transit: only the few lends not yet arrived.
    'CREATE INDEX ops_in_transit ON ops (op_id) WHERE deliver_to IS NOT NULL',
  ],
]

export const STOCK_SCHEMA_VERSION = MIGRATIONS.length

/** Call inside one storage transaction; applying it again is a no-op. */
export function migrateStockSchema(sql: SqlStorage): void {
  migrateNumbered(sql, MIGRATIONS)
}
