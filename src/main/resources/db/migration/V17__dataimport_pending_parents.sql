-- Subsidiaries an account import wrote before their parent: linked, or rejected, once the whole file is read.
-- Written and emptied inside the import's own transaction, so a failed or rolled back pass leaves no rows here.
create table import_pending_parent (
    job_id       bigint        not null references import_job (id) on delete cascade,
    row_no       bigint        not null,
    column_name  varchar(100),
    parent_name  varchar(200)  not null,
    account_id   bigint        not null,
    primary key (job_id, row_no)
);
