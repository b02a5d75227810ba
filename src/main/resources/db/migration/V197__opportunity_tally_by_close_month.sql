-- Opportunities per month of their close date (the close date of a won or lost deal, else the expected one), owner and
-- stage with their amount, and the same per purchase type, kept beside the tallies of V96 and V193 by the same writes:
-- a list or board filtered by a close period — this quarter's pipeline — takes the period's whole months from here
-- and reads only the deals of its partial months, instead of adding up every deal of the period (a quarter of 100,000
-- open deals is 12,600 deals read for every page, 5 ms of PostgreSQL; the same from here a few rows per owner, stage
-- and month). Deals without a close or expected close date are in no month and no period. Keyed by the month first
-- (the type before it in the second), so a period reads its months' rows alone. Counted from the opportunities, as
-- V97 and V193 first counted.
create table opportunity_month_tally (
    close_month    date           not null,
    owner_id       bigint         not null,
    stage          varchar(30)    not null,
    opportunities  bigint         not null,
    amount         numeric(30, 2) not null,
    primary key (close_month, owner_id, stage)
);
create table opportunity_month_type_tally (
    purchase_type  varchar(20)    not null,
    close_month    date           not null,
    owner_id       bigint         not null,
    stage          varchar(30)    not null,
    opportunities  bigint         not null,
    amount         numeric(30, 2) not null,
    primary key (purchase_type, close_month, owner_id, stage)
);
insert into opportunity_month_tally (close_month, owner_id, stage, opportunities, amount)
select m.close_month, m.owner_id, m.stage, count(*), coalesce(sum(m.amount), 0)
from (select cast(date_trunc('month', coalesce(close_date, expected_close_date)) as date) as close_month, owner_id,
             stage, amount
      from opportunity where coalesce(close_date, expected_close_date) is not null) m
group by m.close_month, m.owner_id, m.stage;
insert into opportunity_month_type_tally (purchase_type, close_month, owner_id, stage, opportunities, amount)
select m.purchase_type, m.close_month, m.owner_id, m.stage, count(*), coalesce(sum(m.amount), 0)
from (select purchase_type, cast(date_trunc('month', coalesce(close_date, expected_close_date)) as date) as close_month,
             owner_id, stage, amount
      from opportunity where coalesce(close_date, expected_close_date) is not null and purchase_type is not null) m
group by m.purchase_type, m.close_month, m.owner_id, m.stage;
