-- Payments ledger: every money movement of an order is one row, written through the order
-- actor's outbox. Rows are keyed by kind, order and provider reference, so a redelivered batch or
-- webhook inserts nothing new. Amounts are positive minor units; the kind says the direction.
CREATE TABLE payments_ledger (
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
);
CREATE INDEX payments_ledger_by_order ON payments_ledger (order_id, at, id);
CREATE INDEX payments_ledger_by_at ON payments_ledger (at, id);
CREATE INDEX payments_ledger_by_ref ON payments_ledger (provider_ref);

-- The sandbox payment provider's own books, standing in for a real provider in development and
-- tests. Nothing outside src/adapters/sandbox-payment*.ts reads these tables.
CREATE TABLE sandbox_sessions (
  id TEXT PRIMARY KEY,
  session_key TEXT NOT NULL UNIQUE,
  order_id TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL,
  description TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid')),
  payment_id TEXT UNIQUE,
  paid_amount INTEGER,
  event_id TEXT,
  created_at INTEGER NOT NULL,
  paid_at INTEGER
);

CREATE TABLE sandbox_statement (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('payment', 'refund')),
  session_id TEXT NOT NULL,
  payment_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL,
  idempotency_key TEXT UNIQUE,
  reason TEXT,
  event_id TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX sandbox_statement_by_payment ON sandbox_statement (payment_id, kind);
CREATE INDEX sandbox_statement_by_at ON sandbox_statement (at, id);
