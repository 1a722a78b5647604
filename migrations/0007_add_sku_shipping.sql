-- What order splitting needs to know of a SKU: cross-border goods are capped per package by
-- customs, and stock that only ships at a later date travels in its own package.
ALTER TABLE skus ADD COLUMN cross_border INTEGER NOT NULL DEFAULT 0;
ALTER TABLE skus ADD COLUMN ships_at INTEGER;
