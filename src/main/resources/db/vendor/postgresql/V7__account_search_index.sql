-- Account search matches any part of the name (LIKE '%text%'); a trigram index answers that without reading
-- every account. pg_trgm is a trusted extension: the database owner may create it.
create extension if not exists pg_trgm;
create index ix_account_name_trgm on account using gin (name_key gin_trgm_ops);
