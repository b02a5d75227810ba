-- A user's maximum of key accounts (DOMAIN.md §6 principle 2), set by an administrator; users
-- without a row have the configured default (30). Owned by the account module beside the
-- maximum of owned accounts the pool uses.
create table account_key_limit (
    user_id          bigint  not null primary key references app_user (id),
    max_key_accounts integer not null,
    version          integer not null default 0,
    constraint ck_account_key_limit check (max_key_accounts >= 0)
);

-- Distributors, dealers, wholesalers and agents (DOMAIN.md §6.1) are accounts marked as channel
-- partners; the account module owns the mark.
alter table account add column channel_partner boolean not null default false;
create index ix_account_channel_partner on account (channel_partner, id);
