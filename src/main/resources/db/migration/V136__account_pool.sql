-- The public pool (DOMAIN.md §13, decision 0032): an account without an owner is in the pool.
-- owned_since is when the current owner took it (opened, claimed, assigned): the pool rules count
-- idle days from the later of it and the last follow-up or deal, so a fresh claim is never idle.
-- pooled_at, pool_reason and pool_note say when and why an account entered the pool;
-- previous_owner_id is who had it last.
alter table account alter column owner_id drop not null;
alter table account add column owned_since timestamp;
alter table account add column pooled_at timestamp;
alter table account add column pool_reason varchar(20);
alter table account add column pool_note varchar(500);
alter table account add column previous_owner_id bigint references app_user (id);
update account set owned_since = created_at;
create index ix_account_pooled on account (pooled_at, id);

-- Who may not claim an account back yet: the owner it left (returned by them or by a rule), until
-- the day after blocked_until.
create table account_pool_block (
    account_id     bigint not null references account (id) on delete cascade,
    user_id        bigint not null references app_user (id),
    blocked_until  date   not null,
    primary key (account_id, user_id)
);

-- A user's maximum of owned accounts (§6 principle 2), set by an administrator; users without a
-- row have the configured default.
create table account_owner_limit (
    user_id       bigint  not null primary key references app_user (id),
    max_accounts  integer not null,
    version       integer not null default 0
);
