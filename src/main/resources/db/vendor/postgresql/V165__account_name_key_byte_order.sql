-- The imports look a chunk of account names up by name_key, one name at a time (KeyLookups). Compared in collation
-- "C", a name can only be found through an index built in that collation: the trigram index ix_account_name_trgm
-- (the database's collation), which PostgreSQL used to pick for "name_key in (...5,000 names...)" at nearly the same
-- estimated cost and which then read a million buffers, cannot serve the lookup any more. Equal in "C" is equal in
-- any deterministic collation, so the same accounts are found; the list sorts by ix_account_list_name as before.
drop index ix_account_name_key;
create index ix_account_name_key on account (name_key collate "C");
