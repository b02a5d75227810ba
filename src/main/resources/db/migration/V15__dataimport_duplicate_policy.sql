-- What an import does with a record that already exists: REJECT (the row is an error), UPDATE or CREATE.
alter table import_job add column on_duplicate varchar(10) not null default 'REJECT';
