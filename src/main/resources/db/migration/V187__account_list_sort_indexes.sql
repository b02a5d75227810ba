-- Every order the account list offers has an index in that order, company-wide and in
-- each owner's range, as name and recency had (V8, V168): a page of twenty then reads
-- twenty entries. Without one, a page sorted by creation, region or industry sorted the
-- whole book: at 1M accounts 63–268 ms for a director's page and, for a KAM sorted by
-- industry, 690 ms walking the industry index across every owner (decision 0075).
-- Region and industry lead their company-wide index so it still serves the filters'
-- equality and the menus' probes for the next value; with archived fixed by the list,
-- the index is in (value, id) order.
create index ix_account_list_created on account (archived, created_at, id);
create index ix_account_region_list on account (region, archived, id);
create index ix_account_industry_list on account (industry, archived, id);
drop index ix_account_region;
drop index ix_account_industry;
create index ix_account_owner_created on account (owner_id, archived, created_at, id);
create index ix_account_owner_region on account (owner_id, archived, region, id);
create index ix_account_owner_industry on account (owner_id, archived, industry, id);
