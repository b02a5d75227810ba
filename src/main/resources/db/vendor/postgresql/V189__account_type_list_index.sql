-- The key accounts of a type in name order, the list's default: they are few (one account
-- in a hundred in the benchmark's million), so a page walking the company-wide name index
-- for them read about 2,000 accounts (a director's page p99 39-56 ms at 50 connections).
-- Partial: the accounts without a type, nearly all, are never looked up by type, and
-- every account update would otherwise write one more entry.
create index ix_account_type_list on account (key_account_type, archived, name_key, id)
    where key_account_type is not null;
