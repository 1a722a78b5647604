-- Rows written are what D1 bills, and every index a row touches is one more row written.
-- The payments ledger is rebuilt WITHOUT ROWID: its text key is the table itself, not a second
-- copy in an index of its own. Sales filtered by store walk orders_by_paid over the date range
-- (the store is one more condition on rows already in range), so orders_by_store_paid, written
-- on every payment, goes.
CREATE TABLE payments_ledger_slim (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  parent_order_id TEXT,
  kind TEXT NOT NULL,
  provider_ref TEXT NOT NULL,
  session_id TEXT,
  amount INTEGER NOT NULL CHECK (amount >= 0),
  currency TEXT NOT NULL,
  status TEXT NOT NULL,
  at INTEGER NOT NULL,
  note TEXT
) WITHOUT ROWID;
INSERT INTO payments_ledger_slim (id, order_id, parent_order_id, kind, provider_ref, session_id,
  amount, currency, status, at, note)
SELECT id, order_id, parent_order_id, kind, provider_ref, session_id, amount, currency, status, at,
  note
FROM payments_ledger;
DROP TABLE payments_ledger;
ALTER TABLE payments_ledger_slim RENAME TO payments_ledger;
CREATE INDEX payments_ledger_by_order ON payments_ledger (order_id, at, id);
CREATE INDEX payments_ledger_by_at ON payments_ledger (at, id);
CREATE INDEX payments_ledger_by_ref ON payments_ledger (provider_ref);

DROP INDEX IF EXISTS orders_by_store_paid;
