-- The deals by their account's owner (decision 0074); H2 has no partial index, so every deal is in it.
create index ix_opportunity_account_owner_id on opportunity (account_owner_id);
