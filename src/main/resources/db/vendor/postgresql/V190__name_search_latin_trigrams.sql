-- A searchable name's pieces now also hold the three-character pieces of each run of Latin letters and digits
-- (decision 0077). Two-character pieces of Latin names and numbers are shared by many names ("24" is in one name in
-- twenty-five of "Customer N"), so a search like "customer 4242" read 8,404 candidates at 1M accounts for 108
-- matches (23-31 ms); its three-character pieces "424" and "242" read 560 (1.6-2.8 ms). Chinese names keep their
-- two-character pieces (a Chinese word is two characters), as every name keeps all its two-character pieces, so a
-- two-character search finds what it found. PostgreSQL 15 cannot change a generated column's expression: each column
-- is made anew (a rewrite of the table) and its index with it.
-- The three-character pieces are the windows of three Latin letters or digits (the runs' pieces); tested with
-- translate, as a split of the name by a regular expression cost 4 ms a name (the whole function now about twice
-- the two-character one's 10 µs).
create function name_pieces(name text) returns text[]
    language sql immutable strict parallel safe
    return array(select distinct p from (
                     select substr(name, i, 2) p from generate_series(1, length(name) - 1) i
                     union all
                     select substr(name, i, 3) from generate_series(1, length(name) - 2) i
                     where translate(substr(name, i, 3), 'abcdefghijklmnopqrstuvwxyz0123456789', '') = '') pieces);

drop index ix_account_name_grams;
alter table account drop column name_grams;
alter table account add column name_grams text[] generated always as (name_pieces(name_key)) stored;
create index ix_account_name_grams on account using gin (name_grams);

drop index ix_opportunity_name_grams;
alter table opportunity drop column name_grams;
alter table opportunity add column name_grams text[] generated always as (name_pieces(lower(name))) stored;
create index ix_opportunity_name_grams on opportunity using gin (name_grams);

drop index ix_contact_name_grams;
alter table contact drop column name_grams;
alter table contact add column name_grams text[] generated always as (name_pieces(lower(name))) stored;
create index ix_contact_name_grams on contact using gin (name_grams);

drop function name_bigrams(text);
