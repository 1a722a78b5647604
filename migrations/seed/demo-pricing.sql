-- Demo pricing for local runs (npm start), after demo-catalog.sql. Idempotent: re-running changes
-- nothing. Amounts are integer minor units (CNY fen). Windows run 2026-01-01 to 2036-01-01.
-- With these rows the worked discount example is reproducible: issue tpl-platform-150 to a
-- buyer, quote sku-tea-a + sku-teapot-b + sku-speaker-c, and the quote pays 300.00 with line
-- finals 45.45, 90.91 and 163.64 (both stores ship free over 99.00).

INSERT OR IGNORE INTO promotions (id, title, level, store_id, currency, rule, scope,
  min_member_level, starts_at, ends_at, priority, exclusive, active, version, created_at, updated_at) VALUES
  ('promo-store-a-200-50', 'Tea House: spend 200 save 50', 'store', 'store-a', 'CNY',
   '{"kind":"spend_save","threshold":{"amount":20000,"currency":"CNY"},"amountOff":{"amount":5000,"currency":"CNY"}}',
   '{}', 0, 1767225600000, 2082758400000, 10, 0, 1, 1, 1767225600000, 1767225600000),
  ('promo-platform-200-100', 'Platform: spend 200 save 100', 'platform', NULL, 'CNY',
   '{"kind":"spend_save","threshold":{"amount":20000,"currency":"CNY"},"amountOff":{"amount":10000,"currency":"CNY"}}',
   '{}', 0, 1767225600000, 2082758400000, 10, 0, 1, 1, 1767225600000, 1767225600000);

-- Issue with: POST /v1/admin/coupon-templates/tpl-platform-150/issue {"userId":"alice"}
INSERT OR IGNORE INTO coupon_templates (id, title, currency, threshold_amount, benefit, scope,
  stacking, starts_at, ends_at, valid_days, issued_count, created_at, updated_at) VALUES
  ('tpl-platform-150', 'Platform voucher: 150 off', 'CNY', 0,
   '{"kind":"amount_off","amountOff":{"amount":15000,"currency":"CNY"}}', '{}', 'stackable',
   1767225600000, 2082758400000, 30, 0, 1767225600000, 1767225600000);

INSERT OR IGNORE INTO member_levels (level, name, discount_bps, updated_at) VALUES
  (1, 'Silver', 200, 1767225600000),
  (2, 'Gold', 500, 1767225600000);

-- 1 point = 0.01 CNY; points pay at most 20% of the goods and 10000 points an order.
INSERT OR IGNORE INTO points_policy (singleton, rate_points, rate_minor_units, max_share_bps,
  max_points_per_order, updated_at) VALUES (1, 100, 100, 2000, 10000, 1767225600000);

-- Both stores ship anywhere: 10.00 for the first kilogram, 5.00 per further kilogram, free over 99.00.
INSERT OR IGNORE INTO freight_templates (id, store_id, warehouse_id, currency, rules, version,
  created_at, updated_at) VALUES
  ('freight-store-a', 'store-a', NULL, 'CNY',
   '[{"regions":"*","firstWeightGrams":1000,"firstWeightPrice":{"amount":1000,"currency":"CNY"},"stepGrams":1000,"stepPrice":{"amount":500,"currency":"CNY"},"freeOver":{"amount":9900,"currency":"CNY"}}]',
   1, 1767225600000, 1767225600000),
  ('freight-store-b', 'store-b', NULL, 'CNY',
   '[{"regions":"*","firstWeightGrams":1000,"firstWeightPrice":{"amount":1000,"currency":"CNY"},"stepGrams":1000,"stepPrice":{"amount":500,"currency":"CNY"},"freeOver":{"amount":9900,"currency":"CNY"}}]',
   1, 1767225600000, 1767225600000);
