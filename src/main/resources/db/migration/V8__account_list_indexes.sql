-- The list pages in name or recency order; these let the database read the first page straight from the index.
create index ix_account_list_name on account (archived, name_key, id);
create index ix_account_list_updated on account (archived, updated_at, id);
drop index ix_account_updated;
