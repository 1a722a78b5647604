-- What the buyer said about an order besides its lines, for the admin search: the channel it was
-- placed through, the delivery method, and the invoice type asked for (NULL: none asked for).
-- Written once, with the row's first insert, and never updated. No index: like status, these
-- narrow a walk of orders_by_created, and every index would be one more row written per order.
-- The invoice's title, tax id and email stay in the order actor, where the order view reads them.
ALTER TABLE orders ADD COLUMN channel TEXT
  CHECK (channel IN ('app', 'web', 'mini_program', 'pos', 'api'));
ALTER TABLE orders ADD COLUMN delivery TEXT
  CHECK (delivery IN ('express', 'store_pickup', 'same_day'));
ALTER TABLE orders ADD COLUMN invoice_type TEXT CHECK (invoice_type IN ('personal', 'company'));
