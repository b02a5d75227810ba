-- The owned accounts one pool run found due or nearly due (decision 0060): written by the
-- run's one selection, read by its returns and its warnings, emptied before it commits.
-- (Unlogged on PostgreSQL.)
create table pool_candidate (
    account_id  bigint       not null primary key,
    owner_id    bigint       not null,
    name        varchar(200) not null,
    -- the day it returns by the earlier of its tier's two measures
    due_on      date         not null,
    -- NO_FOLLOW_UP or NO_DEAL for the accounts returned now; null for those only warned
    reason      varchar(20),
    -- whether its owner was warned of this day already
    warned      boolean      not null
);

-- The day each account's owner was last warned of, so a night tells an owner only what
-- is new: an account entering the warning days, or its day moved.
create table pool_warning (
    account_id  bigint not null primary key,
    due_on      date   not null
);
