-- The owned accounts one pool run found due or nearly due (decision 0060): written by the
-- run's one selection, read by its returns and its warnings, emptied before it commits.
-- Unlogged: a scratch table between two statements of one transaction needs no WAL, and
-- a crash empties it, as a run leaves it.
create unlogged table pool_candidate (
    account_id   bigint       not null primary key,
    owner_id     bigint       not null,
    name         varchar(200) not null,
    tier         varchar(10)  not null,
    follow_base  date         not null,
    deal_base    date         not null,
    -- NO_FOLLOW_UP or NO_DEAL for the accounts returned now; null for those only warned
    reason       varchar(20)
);
