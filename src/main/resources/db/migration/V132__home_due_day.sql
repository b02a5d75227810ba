-- The contact plan's due-day read model, kept by the home module (decision 0035): one row per live account with the
-- day it is due for contact, so "overdue" for a set of owners is a range of one index instead of a computation over
-- every account of the book. The index holds every column a list page sorts and shows, so a page and its total are
-- read from the index alone. due_on is null for an account never contacted and without a plan: it is due on the day
-- it is read ("today"), never overdue. The application fills the table at start when it is empty (DueDays).
create table home_due_day (
    account_id    bigint       not null primary key,
    owner_id      bigint       not null,
    account_name  varchar(200) not null,
    tier          varchar(10)  not null,
    due_on        date
);

create index ix_home_due_day_owner on home_due_day (owner_id, due_on, account_name, account_id, tier);
