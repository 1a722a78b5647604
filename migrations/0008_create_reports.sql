-- Admin reports and three-way reconciliation. Reports read only D1 (actors are never scanned),
-- and every report query must be an index search: the indexes below are the ones they need.

-- Sales are recognized when paid, so sales, top SKUs and reconciliation select by paid_at.
CREATE INDEX orders_by_paid ON orders (paid_at) WHERE paid_at IS NOT NULL;
-- The same for one store: without it a store filter walks every order the store ever had.
CREATE INDEX orders_by_store_paid ON orders (store_id, paid_at) WHERE paid_at IS NOT NULL;

-- After-sale orders as admins report on them: a projection written by the after-sale flow
-- (through the order actor's outbox, moving forward by version like the orders row).
-- type: refund_only | return_refund | exchange. status: the after-sale machine's state
-- (pending_review, pending_return, pending_refund, pending_exchange_return, exchange_outbound,
-- succeeded, rejected, closed). refund_amount: what was (or will be) paid back, minor units.
CREATE TABLE after_sales (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  store_id TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('refund_only', 'return_refund', 'exchange')),
  reason TEXT NOT NULL,
  status TEXT NOT NULL,
  refund_amount INTEGER NOT NULL DEFAULT 0 CHECK (refund_amount >= 0),
  currency TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  resolved_at INTEGER
);
CREATE INDEX after_sales_by_created ON after_sales (created_at, id);
CREATE INDEX after_sales_by_store ON after_sales (store_id, created_at);
CREATE INDEX after_sales_by_order ON after_sales (order_id, created_at);

-- One row per reconciliation run, over a half-open range [range_from, range_to) of epoch ms.
CREATE TABLE reconciliation_runs (
  id TEXT PRIMARY KEY,
  trigger TEXT NOT NULL CHECK (trigger IN ('cron', 'manual')),
  range_from INTEGER NOT NULL,
  range_to INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  statement_rows INTEGER NOT NULL DEFAULT 0,
  ledger_rows INTEGER NOT NULL DEFAULT 0,
  orders_checked INTEGER NOT NULL DEFAULT 0,
  found INTEGER NOT NULL DEFAULT 0,
  healed INTEGER NOT NULL DEFAULT 0,
  resolved INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  started_at INTEGER NOT NULL,
  finished_at INTEGER
);
CREATE INDEX reconciliation_runs_by_start ON reconciliation_runs (started_at, id);

-- One row per discrepancy, keyed by what it is about (kind and subject), so a later run that
-- sees it again updates the same row instead of adding another. anchor_at is when the money
-- moved; a run over a range that covers anchor_at and no longer sees it marks it resolved.
CREATE TABLE reconciliation_mismatches (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'healed', 'resolved')),
  order_id TEXT NOT NULL,
  payment_id TEXT,
  refund_id TEXT,
  currency TEXT,
  expected_amount INTEGER,
  actual_amount INTEGER,
  detail TEXT NOT NULL,
  anchor_at INTEGER NOT NULL,
  first_run_id TEXT NOT NULL,
  last_run_id TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  heal_outcome TEXT,
  closed_at INTEGER
);
CREATE INDEX reconciliation_mismatches_by_status ON reconciliation_mismatches (status, anchor_at, id);
CREATE INDEX reconciliation_mismatches_by_order ON reconciliation_mismatches (order_id);
