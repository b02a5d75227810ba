-- Name search matches any part of a name (decision 0054): "建国" must find "王建国", "华为" "深圳华为技术有限公司".
-- A trigram index cannot serve a two-character infix (no trigram lies wholly inside "%建国%"), so PostgreSQL read
-- every row for the commonest Chinese search. Each searchable name now also keeps the set of its two-character
-- pieces, computed by the database from the lower-cased name so every writer (forms, imports, merges) keeps it; a GIN
-- index answers "holds every piece of the typed text", and the LIKE on the name keeps the exact meaning (pieces in
-- order, next to each other). The bigram index replaces the trigram index on the same name.
create function name_bigrams(name text) returns text[]
    language sql immutable strict parallel safe
    return array(select distinct substr(name, i, 2) from generate_series(1, length(name) - 1) i);

alter table account add column name_grams text[] generated always as (name_bigrams(name_key)) stored;
create index ix_account_name_grams on account using gin (name_grams);
drop index ix_account_name_trgm;

alter table opportunity add column name_grams text[] generated always as (name_bigrams(lower(name))) stored;
create index ix_opportunity_name_grams on opportunity using gin (name_grams);
drop index ix_opportunity_name_trgm;

alter table contact add column name_grams text[] generated always as (name_bigrams(lower(name))) stored;
create index ix_contact_name_grams on contact using gin (name_grams);
-- The contact list sorts by name; the walk along this index stops after a page.
create index ix_contact_list_name on contact (lower(name), id);
-- An e-mail address or a phone number typed into the contact search is looked up whole.
create index ix_contact_email on contact (lower(email));
create index ix_contact_phone on contact (phone);
