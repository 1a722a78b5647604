-- Inventory configuration of record. Unit counts are not here: they live in the StockActors
-- (one per SKU x warehouse x bucket). These rows say where a SKU is stocked, in how many
-- buckets, how its stock is taken, and which warehouse serves a region first. A placement
-- reads them through an isolate cache, never per request.

-- 'limit' and ':' are reserved by stock actor names (`${sku}:${warehouse}:${bucket}`).
CREATE TABLE warehouses (
  id TEXT PRIMARY KEY CHECK (id <> 'limit' AND instr(id, ':') = 0),
  name TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Regions a warehouse ships to; for one region, the lowest priority is tried first.
-- Region '*' is the fallback for any region with no row of its own.
CREATE TABLE warehouse_regions (
  warehouse_id TEXT NOT NULL REFERENCES warehouses(id),
  region TEXT NOT NULL,
  priority INTEGER NOT NULL CHECK (priority >= 0),
  PRIMARY KEY (warehouse_id, region)
);
CREATE INDEX warehouse_regions_by_region ON warehouse_regions (region, priority, warehouse_id);

-- How a SKU's stock is taken. No row: 'on_place' and no per-buyer limit.
CREATE TABLE sku_stock_policies (
  sku_id TEXT PRIMARY KEY REFERENCES skus(id),
  deduction TEXT NOT NULL DEFAULT 'on_place' CHECK (deduction IN ('on_place', 'on_pay')),
  per_buyer_limit INTEGER CHECK (per_buyer_limit IS NULL OR per_buyer_limit > 0),
  updated_at INTEGER NOT NULL
);

-- Where a SKU is stocked and over how many bucket actors. Buckets only ever grow: a shrink
-- would strand the units of the dropped buckets (and stale caches would still route to them).
CREATE TABLE sku_warehouses (
  sku_id TEXT NOT NULL REFERENCES skus(id),
  warehouse_id TEXT NOT NULL REFERENCES warehouses(id),
  buckets INTEGER NOT NULL DEFAULT 1 CHECK (buckets BETWEEN 1 AND 1024),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (sku_id, warehouse_id)
);
CREATE INDEX sku_warehouses_by_warehouse ON sku_warehouses (warehouse_id, sku_id);
