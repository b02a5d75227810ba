-- The instalments still owed, by account and due date, carrying what the aging sums: an
-- aging, a chase list or a credit check reads only the open part of the table, from the
-- index alone. H2 has no partial index; V115's (account_id, due_date) index serves it.
create index ix_instalment_open on instalment (account_id, due_date) include (contract_id, amount, paid)
    where written_off_on is null and paid < amount;
