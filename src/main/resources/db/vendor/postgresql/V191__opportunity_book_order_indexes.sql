-- A KAM's opportunity list read in its order from their own book (decision 0079): each order the list offers on a
-- column of the deal, under the account's owner each deal keeps (decision 0074), so the deals on a KAM's accounts are
-- read in the list's order as far as the page reaches. Along the company-wide index of the order a KAM's page read
-- the other owners' deals too and skipped them: 379 rows for a page of 20 with 20 owners at 100,000 deals, and as many
-- times the page as the company has owners. The deals a KAM owns on other owners' accounts (and on none) are the few
-- whose owner is not their account's, marked by a column of their own so PostgreSQL knows how few: it takes a
-- comparison of two columns for true of nearly every row, and read a KAM's every deal (or walked the company's index
-- of the order, 112 ms at 100,000 deals) to find the ones their index holds.
create index ix_opportunity_book_period on opportunity (account_owner_id, (coalesce(close_date, expected_close_date)), id);
create index ix_opportunity_book_amount on opportunity (account_owner_id, amount, id);
create index ix_opportunity_book_name on opportunity (account_owner_id, name, id);
create index ix_opportunity_book_updated on opportunity (account_owner_id, updated_at, id);
alter table opportunity add column owned_elsewhere boolean generated always as (owner_id <> account_owner_id) stored;
create index ix_opportunity_owned_elsewhere on opportunity (owner_id) where owned_elsewhere;
analyze opportunity;
