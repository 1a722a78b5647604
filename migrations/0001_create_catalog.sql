-- Catalog of record: stores and SKUs. Orders snapshot what they need at placement.
CREATE TABLE stores (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  currency TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE skus (
  id TEXT PRIMARY KEY,
  store_id TEXT NOT NULL REFERENCES stores(id),
  title TEXT NOT NULL,
  category_id TEXT,
  price_amount INTEGER NOT NULL CHECK (price_amount >= 0),
  currency TEXT NOT NULL,
  weight_grams INTEGER NOT NULL DEFAULT 0 CHECK (weight_grams >= 0),
  volume_cm3 INTEGER NOT NULL DEFAULT 0 CHECK (volume_cm3 >= 0),
  fragile INTEGER NOT NULL DEFAULT 0,
  oversized INTEGER NOT NULL DEFAULT 0,
  on_sale INTEGER NOT NULL DEFAULT 1,
  order_type TEXT NOT NULL DEFAULT 'physical' CHECK (order_type IN ('physical', 'virtual', 'presale')),
  presale_deposit_amount INTEGER,
  presale_balance_starts_at INTEGER,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX skus_by_store ON skus (store_id, id);
