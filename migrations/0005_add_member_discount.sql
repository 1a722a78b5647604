-- Member price reductions are their own layer, applied before promotions.
ALTER TABLE orders ADD COLUMN member_discount_amount INTEGER NOT NULL DEFAULT 0;
ALTER TABLE order_lines ADD COLUMN member_discount_amount INTEGER NOT NULL DEFAULT 0;
