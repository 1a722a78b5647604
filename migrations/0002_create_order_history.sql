-- History projection of the order actors, written through each actor's outbox.
-- The actor is the source of truth; these rows may lag but are never lost or doubled.
CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  parent_id TEXT,
  user_id TEXT NOT NULL,
  store_id TEXT,
  type TEXT NOT NULL,
  status TEXT NOT NULL,
  currency TEXT NOT NULL,
  items_amount INTEGER NOT NULL,
  store_discount_amount INTEGER NOT NULL DEFAULT 0,
  platform_discount_amount INTEGER NOT NULL DEFAULT 0,
  coupon_discount_amount INTEGER NOT NULL DEFAULT 0,
  points_discount_amount INTEGER NOT NULL DEFAULT 0,
  freight_amount INTEGER NOT NULL DEFAULT 0,
  payable_amount INTEGER NOT NULL,
  paid_amount INTEGER NOT NULL DEFAULT 0,
  cancel_reason TEXT,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  paid_at INTEGER,
  shipped_at INTEGER,
  received_at INTEGER,
  completed_at INTEGER,
  cancelled_at INTEGER,
  updated_at INTEGER NOT NULL
);
CREATE INDEX orders_by_user ON orders (user_id, created_at DESC, id DESC);
CREATE INDEX orders_by_store ON orders (store_id, created_at DESC, id DESC);
CREATE INDEX orders_by_status ON orders (status, created_at DESC, id DESC);
CREATE INDEX orders_by_created ON orders (created_at DESC, id DESC);
CREATE INDEX orders_by_parent ON orders (parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE order_lines (
  order_id TEXT NOT NULL,
  line_no INTEGER NOT NULL,
  sku_id TEXT NOT NULL,
  store_id TEXT NOT NULL,
  title TEXT NOT NULL,
  qty INTEGER NOT NULL,
  currency TEXT NOT NULL,
  unit_price_amount INTEGER NOT NULL,
  line_amount INTEGER NOT NULL,
  store_discount_amount INTEGER NOT NULL DEFAULT 0,
  platform_discount_amount INTEGER NOT NULL DEFAULT 0,
  coupon_discount_amount INTEGER NOT NULL DEFAULT 0,
  points_discount_amount INTEGER NOT NULL DEFAULT 0,
  final_amount INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (order_id, line_no)
);
CREATE INDEX order_lines_by_sku ON order_lines (sku_id, created_at);

CREATE TABLE order_events (
  order_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (order_id, seq)
);
CREATE INDEX order_events_by_time ON order_events (at, to_status);
