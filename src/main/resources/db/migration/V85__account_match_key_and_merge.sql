-- Duplicate detection and merge (DOMAIN.md §2.1). match_key is the name as AccountNames.matchKey folds it (width,
-- case, punctuation and company-form suffixes aside), kept by the application on every write and filled for the
-- accounts stored before by the Java migration 86; rows written by other means may leave it empty and are then
-- simply not found as duplicates. merged_into marks an account absorbed by a merge: a tombstone whose address
-- leads to the survivor.
alter table account add column match_key varchar(200);
alter table account add column merged_into bigint references account (id);
create index ix_account_match_key on account (match_key);
