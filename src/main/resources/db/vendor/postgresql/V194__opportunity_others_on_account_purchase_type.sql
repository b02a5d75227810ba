-- The deals others own on an account's owner's accounts (V186) carry their purchase type too, now that a list filtered
-- by it takes its totals from the tally plus these rows (V193). Without it the filtered sum read the table for each
-- row, PostgreSQL priced that at thousands of rows (it cannot know how few deals are owned away from their account)
-- and started two parallel workers for it: 42 ms for a manager's page whose part here is empty, 0.1 ms read from the
-- index alone.
drop index ix_opportunity_others_on_account;
create index ix_opportunity_others_on_account on opportunity (account_owner_id)
    include (owner_id, stage, amount, purchase_type) where owner_id <> account_owner_id;
