-- After-sales still being handled: any status but the three an after-sale ends in. Order lists
-- filtered to "after-sale open" start from this short list instead of walking every order, and a
-- list row reads its order's open after-sales from it without touching the finished ones. The
-- predicate must stay word for word the one in src/store/order-after-sale-sql.ts.
CREATE INDEX after_sales_open ON after_sales (order_id, type)
  WHERE status NOT IN ('succeeded', 'rejected', 'closed');
