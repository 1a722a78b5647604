-- Pricing catalog of record: promotions, coupon templates, member levels,
-- points policy, freight templates and the blacklist. Quotes read these through an isolate
-- cache, never per request. Issued coupons, member levels of buyers and points balances live in
-- each buyer's WalletActor; the coupons, members and points_ledger tables below are its
-- projection, written through the actor's outbox (they may lag, they are never lost or doubled).

-- rule: the engine's PromotionRule as JSON (money as {amount, currency}); scope: {storeIds?,
-- skuIds?, categoryIds?}. A store-level promotion names its store and covers only its lines.
CREATE TABLE promotions (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('store', 'platform')),
  store_id TEXT,
  currency TEXT NOT NULL,
  rule TEXT NOT NULL,
  scope TEXT NOT NULL DEFAULT '{}',
  min_member_level INTEGER NOT NULL DEFAULT 0 CHECK (min_member_level >= 0),
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  priority INTEGER NOT NULL DEFAULT 0,
  exclusive INTEGER NOT NULL DEFAULT 0 CHECK (exclusive IN (0, 1)),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK ((level = 'store') = (store_id IS NOT NULL)),
  CHECK (ends_at > starts_at)
);
CREATE INDEX promotions_by_end ON promotions (active, ends_at);

-- benefit: {kind: 'amount_off', amountOff} or {kind: 'percent_off', percentOffBps, cap?}.
-- valid_days: an issued coupon lasts this long from its issue (within the template window);
-- NULL: it lasts the template window.
CREATE TABLE coupon_templates (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  currency TEXT NOT NULL,
  threshold_amount INTEGER NOT NULL CHECK (threshold_amount >= 0),
  benefit TEXT NOT NULL,
  scope TEXT NOT NULL DEFAULT '{}',
  stacking TEXT NOT NULL CHECK (stacking IN ('stackable', 'exclusive')),
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  valid_days INTEGER CHECK (valid_days IS NULL OR valid_days > 0),
  issued_count INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (ends_at > starts_at)
);

-- Projection of the wallets' coupons; a row only moves forward by version.
CREATE TABLE coupons (
  id TEXT PRIMARY KEY,
  template_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('available', 'locked', 'used')),
  order_id TEXT,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  issued_at INTEGER NOT NULL,
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX coupons_by_user ON coupons (user_id, issued_at);
CREATE INDEX coupons_by_template ON coupons (template_id, status);

-- A member gets the discount of the highest level not above its own; level 0 is a non-member.
CREATE TABLE member_levels (
  level INTEGER PRIMARY KEY CHECK (level >= 1),
  name TEXT NOT NULL,
  discount_bps INTEGER NOT NULL CHECK (discount_bps BETWEEN 0 AND 10000),
  updated_at INTEGER NOT NULL
);

-- Projection of the wallets' member level and points balance, each moving forward by version.
CREATE TABLE members (
  user_id TEXT PRIMARY KEY,
  level INTEGER NOT NULL DEFAULT 0,
  level_version INTEGER NOT NULL DEFAULT 0,
  points_balance INTEGER NOT NULL DEFAULT 0,
  points_version INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);

CREATE TABLE points_ledger (
  user_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  delta INTEGER NOT NULL,
  reason TEXT NOT NULL,
  order_id TEXT,
  balance_after INTEGER NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (user_id, seq)
);
CREATE INDEX points_ledger_by_order ON points_ledger (order_id) WHERE order_id IS NOT NULL;

-- One row or none (no row: points cannot pay). rate_points points are worth rate_minor_units;
-- points pay at most max_share_bps of the goods after coupons, and at most
-- max_points_per_order points (NULL: no count cap).
CREATE TABLE points_policy (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  rate_points INTEGER NOT NULL CHECK (rate_points > 0),
  rate_minor_units INTEGER NOT NULL CHECK (rate_minor_units > 0),
  max_share_bps INTEGER NOT NULL CHECK (max_share_bps BETWEEN 0 AND 10000),
  max_points_per_order INTEGER CHECK (max_points_per_order IS NULL OR max_points_per_order > 0),
  updated_at INTEGER NOT NULL
);

-- rules: the engine's FreightRegionRule[] as JSON. One template per store (warehouse_id NULL)
-- plus at most one per warehouse of the store, so the engine's choice is never ambiguous.
CREATE TABLE freight_templates (
  id TEXT PRIMARY KEY,
  store_id TEXT NOT NULL,
  warehouse_id TEXT,
  currency TEXT NOT NULL,
  rules TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX freight_templates_by_origin ON freight_templates (store_id, ifnull(warehouse_id, ''));

-- value: the buyer id, or the SHA-256 hex of a normalized phone or address (src/checkout/fingerprints.ts),
-- so the list never stores a phone number or an address in clear.
CREATE TABLE blacklist (
  kind TEXT NOT NULL CHECK (kind IN ('buyer', 'phone', 'address')),
  value TEXT NOT NULL,
  reason TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (kind, value)
);
