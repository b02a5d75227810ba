-- A KAM's list is the accounts of one owner in name or recency order. Walking the company-wide order indexes
-- (ix_account_list_name, ix_account_list_updated) and skipping other owners' accounts reads about 300 entries per
-- row shown when 300 KAMs share the book (12,000 buffers for a page of 20 at 1M accounts); these read the page's
-- 20 entries of the owner's range in order. They lead with (owner_id, archived), so they also serve every lookup
-- ix_account_owner served (the book of an owner, the foreign key), which goes.
create index ix_account_owner_name on account (owner_id, archived, name_key, id);
create index ix_account_owner_updated on account (owner_id, archived, updated_at, id);
drop index ix_account_owner;
