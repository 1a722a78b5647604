-- Where a store takes goods back (JSON address, or NULL): an approval of a return, an exchange or a
-- repair that names no address of its own, the review timer's included, uses it.
ALTER TABLE stores ADD COLUMN return_address TEXT;
