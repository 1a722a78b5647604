-- Money that arrived for an order but did not match what it owed, kept until an admin (or
-- customer service) refunds or accepts it, or the order ends and it is refunded automatically.
-- Written through the order actor's outbox with the payments ledger rows it mirrors: a
-- payment_mismatch row inserts it, the settling refund or acceptance moves its status once.
CREATE TABLE held_payments (
  order_id TEXT NOT NULL,
  payment_id TEXT NOT NULL,
  parent_order_id TEXT,
  session_id TEXT,
  amount INTEGER NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL,
  expected INTEGER NOT NULL CHECK (expected >= 0),
  status TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'refunded', 'accepted')),
  held_at INTEGER NOT NULL,
  settled_at INTEGER,
  PRIMARY KEY (order_id, payment_id)
);
CREATE INDEX held_payments_by_status ON held_payments (status, held_at, payment_id);
CREATE INDEX held_payments_by_payment ON held_payments (payment_id);
