-- The deals whose owner is not their account's owner, by the account's owner, with what the lists' totals read
-- (decision 0074): a KAM's list of every deal they may see adds to their own deals (the owners' tally) what others
-- own on their accounts, which is these few rows. Partial, so the deals an account's owner owns (most of them) are
-- not in it.
create index ix_opportunity_others_on_account on opportunity (account_owner_id) include (owner_id, stage, amount)
    where owner_id <> account_owner_id;
