-- A KAM's list is the accounts of one owner in name or recency order. Walking the company-wide order indexes
-- (ix_account_list_name, ix_account_list_updated) and skipping other owners' accounts reads about 300 entries per
-- row shown when 300 KAMs share the book (12,000 buffers for a page of 20 at 1M accounts); these read the page's
-- 20 entries of the owner's range in order. They lead with (owner_id, archived), so they also serve every lookup
-- ix_account_owner served (the book of an owner, the foreign key), which goes. The name index also carries the
-- other columns of an owner's book (AccountBookSql), so the reports that start from a book (contacts due, ratings
-- due) read it from the index alone: a KAM's 3,333 accounts at 1M lie on as many heap pages.
create index ix_account_owner_name on account (owner_id, archived, name_key, id) include (name, key_account_type);
create index ix_account_owner_updated on account (owner_id, archived, updated_at, id);
drop index ix_account_owner;
