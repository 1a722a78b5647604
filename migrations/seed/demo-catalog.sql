-- Demo catalog for local runs (npm start). Idempotent: re-running changes nothing.
-- Prices are integer minor units (CNY fen): 10000 = 100.00 CNY.
-- Each store's return address serves the approvals of returns that name none (the review timer's).
INSERT OR IGNORE INTO stores (id, name, currency, return_address, created_at, updated_at) VALUES
  ('store-a', 'Tea House', 'CNY', '{"name":"Tea House returns","phone":"+86 571 8888 0100","region":"CN-33","city":"Hangzhou","line1":"18 Longjing Road"}', 1767225600000, 1767225600000),
  ('store-b', 'Gadget Hub', 'CNY', '{"name":"Gadget Hub returns","phone":"+86 755 6666 0200","region":"CN-44","city":"Shenzhen","line1":"9 Huaqiang North Road"}', 1767225600000, 1767225600000);

INSERT OR IGNORE INTO skus (id, store_id, title, category_id, price_amount, currency, weight_grams,
  volume_cm3, fragile, oversized, on_sale, order_type, presale_deposit_amount,
  presale_balance_starts_at, version, created_at, updated_at) VALUES
  ('sku-tea-a', 'store-a', 'Longjing green tea 250g', 'tea', 10000, 'CNY', 300, 1200, 0, 0, 1, 'physical', NULL, NULL, 1, 1767225600000, 1767225600000),
  ('sku-teapot-b', 'store-a', 'Yixing clay teapot', 'teaware', 20000, 'CNY', 800, 3000, 1, 0, 1, 'physical', NULL, NULL, 1, 1767225600000, 1767225600000),
  ('sku-speaker-c', 'store-b', 'Bluetooth speaker', 'audio', 30000, 'CNY', 900, 2500, 0, 0, 1, 'physical', NULL, NULL, 1, 1767225600000, 1767225600000),
  ('sku-giftcard-50', 'store-b', 'Gift card 50 CNY', 'giftcard', 5000, 'CNY', 0, 0, 0, 0, 1, 'virtual', NULL, NULL, 1, 1767225600000, 1767225600000),
  ('sku-phone-presale', 'store-b', 'Phone X (presale)', 'phone', 499900, 'CNY', 400, 900, 0, 0, 1, 'presale', 50000, 1767225600000, 1, 1767225600000, 1767225600000);

-- One warehouse serving every region; stock itself is set through the API by npm start.
INSERT OR IGNORE INTO warehouses (id, name, active, created_at, updated_at) VALUES
  ('wh-east', 'East China DC', 1, 1767225600000, 1767225600000);
INSERT OR IGNORE INTO warehouse_regions (warehouse_id, region, priority) VALUES ('wh-east', '*', 0);
INSERT OR IGNORE INTO sku_warehouses (sku_id, warehouse_id, buckets, updated_at) VALUES
  ('sku-tea-a', 'wh-east', 1, 1767225600000),
  ('sku-teapot-b', 'wh-east', 1, 1767225600000),
  ('sku-speaker-c', 'wh-east', 1, 1767225600000),
  ('sku-giftcard-50', 'wh-east', 1, 1767225600000),
  ('sku-phone-presale', 'wh-east', 4, 1767225600000);
