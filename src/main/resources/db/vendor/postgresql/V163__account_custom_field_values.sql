-- The values of custom fields (decision 0048), one JSON object per record keyed by the field's key, written by the
-- module that owns the record. jsonb with a jsonb_path_ops GIN index answers the list filters' containment test
-- (custom_fields @> '{"industryCode": "C3511"}') from the index, at any number of fields.
alter table account add column custom_fields jsonb;
alter table contact add column custom_fields jsonb;
alter table opportunity add column custom_fields jsonb;
create index ix_account_custom_fields on account using gin (custom_fields jsonb_path_ops);
create index ix_contact_custom_fields on contact using gin (custom_fields jsonb_path_ops);
create index ix_opportunity_custom_fields on opportunity using gin (custom_fields jsonb_path_ops);
