-- A KAM's list is the accounts of one owner in name or recency order: these read the owner's range in order instead
-- of walking the company-wide order indexes and skipping other owners' accounts. They lead with (owner_id, archived),
-- so they also serve every lookup ix_account_owner served, which goes. (PostgreSQL's name index also carries the
-- book's columns; H2 has no included columns.)
create index ix_account_owner_name on account (owner_id, archived, name_key, id);
create index ix_account_owner_updated on account (owner_id, archived, updated_at, id);
drop index ix_account_owner;
