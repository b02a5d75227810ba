-- When an owned account returns to the pool, per tier (DOMAIN.md §13): after follow_up_days
-- without a follow-up activity or deal_days without a deal; null means never by that measure.
-- VIP never returns by default.
create table pool_rule (
    id              bigint      not null primary key,
    tier            varchar(10) not null unique,
    follow_up_days  integer,
    deal_days       integer,
    version         integer     not null default 0
);
insert into pool_rule (id, tier, follow_up_days, deal_days) values (1, 'VIP', null, null);
insert into pool_rule (id, tier, follow_up_days, deal_days) values (2, 'MAJOR', 90, 365);
insert into pool_rule (id, tier, follow_up_days, deal_days) values (3, 'ORDINARY', 60, 180);
insert into pool_rule (id, tier, follow_up_days, deal_days) values (4, 'SMALL', 30, 90);
