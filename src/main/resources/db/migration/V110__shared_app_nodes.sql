-- The application nodes sharing this database (decision 0027): each writes its heartbeat every few seconds; a node
-- whose heartbeat is older than three intervals is gone. Rows of nodes gone for a day are deleted.
create table app_node (
    id            varchar(36) not null,
    started_at    timestamp   not null,
    heartbeat_at  timestamp   not null,
    constraint app_node_pk primary key (id)
);

-- The node running an import job's pass, so recovery fails only the jobs of a node that is gone. Jobs of earlier
-- versions have none and count as gone.
alter table import_job add column node_id varchar(36);
