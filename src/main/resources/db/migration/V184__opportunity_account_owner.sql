-- The owner of the deal's account, kept on the deal (decision 0074): 0 while the account is in the pool or the deal
-- has none. Kept by the opportunity module (OpportunityAccountOwners) whenever an account's owner changes and whenever
-- a deal is recorded or follows a merged account, so the scope's rule on deals ("my deals, and the deals on my
-- accounts") reads the deals' own columns: a KAM's list of every deal they may see counted what others own on their
-- accounts by reading each of their accounts' deals. Filled for the deals already stored by migration 185
-- (OpportunityAccountOwnerFill), then indexed by migration 186.
alter table opportunity add column account_owner_id bigint not null default 0;
