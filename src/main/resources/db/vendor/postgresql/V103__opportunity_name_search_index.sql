-- The opportunity list's search matches any part of a deal's name (LIKE '%text%' on the lower-cased name); a
-- trigram index answers that without reading every opportunity. H2 has no such index and reads them.
create index ix_opportunity_name_trgm on opportunity using gin (lower(name) gin_trgm_ops);
