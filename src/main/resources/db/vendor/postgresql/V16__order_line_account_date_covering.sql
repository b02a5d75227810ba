-- A segmentation run sums each account's purchases of two periods. With amount and cost carried in
-- the (account, date) index, PostgreSQL reads them in account order from the index alone and sums
-- one account at a time, instead of building a hash table with a row for every customer (hundreds
-- of megabytes, spilled to disk, at a million accounts). H2 has no INCLUDE; its index stays as is.
drop index ix_order_line_account_date;
create index ix_order_line_account_date on order_line (account_id, order_date) include (amount, cost);
