-- The sandbox WMS's own books, standing in for a real warehouse system in development and tests.
-- Nothing outside src/adapters/sandbox-wms*.ts reads this table. One row per order pushed; the
-- state only moves forward (pushed -> picking -> outbound, or pushed/picking -> intercepted), each
-- move one conditional UPDATE, so an interception and an outbound racing for the same order
-- cannot both win.
CREATE TABLE sandbox_wms_orders (
  order_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL CHECK (version >= 1),
  state TEXT NOT NULL CHECK (state IN ('pushed', 'picking', 'outbound', 'intercepted')),
  store_id TEXT NOT NULL,
  lines TEXT NOT NULL,
  address TEXT NOT NULL,
  carrier TEXT,
  tracking_number TEXT,
  pushed_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX sandbox_wms_orders_by_state ON sandbox_wms_orders (state, updated_at);

-- Queue messages already handled, by event id: a redelivered `order-events` message is acked
-- without doing its work again. Written after the work succeeded, so a crash in between repeats
-- work that is itself idempotent rather than losing it. `at` lets a cron prune old receipts.
CREATE TABLE queue_receipts (
  event_id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  type TEXT NOT NULL,
  outcome TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX queue_receipts_by_at ON queue_receipts (at);
