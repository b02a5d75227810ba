-- The deals others own on an account's owner's accounts (V186, V194) carry their close and expected close dates too,
-- now that a list filtered by a close period adds up these rows over the period (decision 0083). Without them the sum
-- read the table for each row, PostgreSQL priced that at thousands of rows (it cannot know how few deals are owned away
-- from their account) and started two parallel workers for it: 29–41 ms for a manager's page whose part here is empty,
-- as V194 found for the purchase type.
drop index ix_opportunity_others_on_account;
create index ix_opportunity_others_on_account on opportunity (account_owner_id)
    include (owner_id, stage, amount, purchase_type, close_date, expected_close_date) where owner_id <> account_owner_id;
