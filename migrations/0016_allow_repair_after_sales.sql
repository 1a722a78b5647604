-- The after_sales projection takes a fourth type, repair (goods sent back, repaired and sent back
-- to the buyer; no money moves). SQLite cannot change a CHECK in place, so the table is rebuilt
-- with the same columns and indexes and its rows copied over.
CREATE TABLE after_sales_next (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  store_id TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('refund_only', 'return_refund', 'exchange', 'repair')),
  reason TEXT NOT NULL,
  status TEXT NOT NULL,
  refund_amount INTEGER NOT NULL DEFAULT 0 CHECK (refund_amount >= 0),
  currency TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  resolved_at INTEGER
);
INSERT INTO after_sales_next (id, order_id, user_id, store_id, type, reason, status,
  refund_amount, currency, version, created_at, updated_at, resolved_at)
SELECT id, order_id, user_id, store_id, type, reason, status, refund_amount, currency, version,
  created_at, updated_at, resolved_at
FROM after_sales;
DROP TABLE after_sales;
ALTER TABLE after_sales_next RENAME TO after_sales;
CREATE INDEX after_sales_by_created ON after_sales (created_at, id);
CREATE INDEX after_sales_by_store ON after_sales (store_id, created_at);
CREATE INDEX after_sales_by_order ON after_sales (order_id, created_at);
CREATE INDEX after_sales_open ON after_sales (order_id, type)
  WHERE status NOT IN ('succeeded', 'rejected', 'closed');
