-- A saved column mapping belongs to the user who saved it; one without an owner is shared by an administrator:
-- everyone may use it, only administrators change it. The mappings saved so far were everyone's, so they stay
-- shared. Names are unique per owner; the application keeps one shared mapping per type and name.
alter table import_mapping drop constraint uq_import_mapping;
alter table import_mapping add column owner_id bigint;
alter table import_mapping add constraint fk_import_mapping_owner foreign key (owner_id) references app_user (id);
create unique index uq_import_mapping_owner on import_mapping (type, owner_id, name);
create index ix_import_mapping_name on import_mapping (type, name);
