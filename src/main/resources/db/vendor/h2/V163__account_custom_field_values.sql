-- The values of custom fields (decision 0048) as JSON text: H2 has no indexable JSON, and the embedded database's
-- data sizes are small enough to filter them by matching the text. PostgreSQL keeps them as jsonb.
alter table account add column custom_fields varchar(20000);
alter table contact add column custom_fields varchar(20000);
alter table opportunity add column custom_fields varchar(20000);
