-- The database's mark (decision 0022): a random id written on the first start and kept in the imports folder too.
-- It travels with every backup; a database started beside a folder without its mark was restored or moved, so it
-- starts clean: the old host's pending imports are failed and its sessions dropped.
create table instance_mark (
    id          integer     not null,
    mark        varchar(36) not null,
    created_at  timestamp   not null,
    constraint instance_mark_pk primary key (id),
    constraint instance_mark_single check (id = 1)
);
