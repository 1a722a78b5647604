-- Subscriptions as their actors last reported them, for lists and admins. A row is replaced only
-- by a newer version of itself, so a late or repeated projection never rolls one back.
CREATE TABLE subscriptions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  store_id TEXT NOT NULL,
  status TEXT NOT NULL,
  period TEXT NOT NULL,
  cycles INTEGER,
  cycles_done INTEGER NOT NULL,
  price_amount INTEGER NOT NULL,
  currency TEXT NOT NULL,
  next_renewal_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX subscriptions_user ON subscriptions (user_id, created_at);
CREATE INDEX subscriptions_store ON subscriptions (store_id, created_at);
CREATE INDEX subscriptions_status ON subscriptions (status, created_at);
