-- How many accounts each owner has with each combination of the list's filters (industry,
-- region, status, key account type) and archived flag (decision 0068): the total of a
-- list filtered by those columns is then a sum over the reader's owners' rows (a KAM's
-- few hundred, everyone's under owner 0), where counting the matches read every one of
-- them through the filters' indexes (8,333 accounts for a region and a status at 100,000:
-- p99 0.3–0.5 s at 50 connections). A missing value is kept as '' so rows compare with
-- plain equality; a filter is never empty, so '' matches none, as null does on the account.
-- Written as changes (+1, −1), folded every minute by AccountFilterTally, as
-- account_custom_tally is (decision 0062), by statement triggers: a bulk load or the
-- nightly status sweep writes one grouped insert, not one per account. Merged accounts
-- and the pool's (no owner) are no list's.
create table account_filter_tally (
    owner_id         bigint       not null,
    archived         boolean      not null,
    industry         varchar(100) not null,
    region           varchar(100) not null,
    status           varchar(20)  not null,
    key_account_type varchar(20)  not null,
    accounts         integer      not null
);
create index ix_account_filter_tally on account_filter_tally (owner_id, archived)
    include (industry, region, status, key_account_type, accounts);

create function account_filter_tally_keep() returns trigger language plpgsql as $$
begin
    -- Each branch names only the transition tables its event has.
    if tg_op = 'INSERT' then
        insert into account_filter_tally
            (owner_id, archived, industry, region, status, key_account_type, accounts)
        select o.owner_id, c.archived, coalesce(c.industry, ''), coalesce(c.region, ''), c.status,
               coalesce(c.key_account_type, ''), count(*)
        from added_rows c cross join lateral (select c.owner_id union all select 0) o (owner_id)
        where c.owner_id is not null and c.merged_into is null
        group by 1, 2, 3, 4, 5, 6;
    elsif tg_op = 'UPDATE' then
        -- What an account held counts −1, what it holds +1; an update that moves none of
        -- these columns nets to nothing and writes nothing.
        insert into account_filter_tally
            (owner_id, archived, industry, region, status, key_account_type, accounts)
        select o.owner_id, c.archived, c.industry, c.region, c.status, c.key_account_type, sum(c.delta)
        from (select owner_id, archived, coalesce(industry, '') as industry, coalesce(region, '') as region, status,
                     coalesce(key_account_type, '') as key_account_type, -1 as delta
              from previous_rows where owner_id is not null and merged_into is null
              union all
              select owner_id, archived, coalesce(industry, ''), coalesce(region, ''), status,
                     coalesce(key_account_type, ''), 1
              from changed_rows where owner_id is not null and merged_into is null) c
        cross join lateral (select c.owner_id union all select 0) o (owner_id)
        group by 1, 2, 3, 4, 5, 6
        having sum(c.delta) <> 0;
    else
        insert into account_filter_tally
            (owner_id, archived, industry, region, status, key_account_type, accounts)
        select o.owner_id, c.archived, coalesce(c.industry, ''), coalesce(c.region, ''), c.status,
               coalesce(c.key_account_type, ''), -count(*)
        from removed_rows c cross join lateral (select c.owner_id union all select 0) o (owner_id)
        where c.owner_id is not null and c.merged_into is null
        group by 1, 2, 3, 4, 5, 6;
    end if;
    return null;
end
$$;

create trigger account_filter_tally_added after insert on account
    referencing new table as added_rows for each statement execute function account_filter_tally_keep();
create trigger account_filter_tally_changed after update on account
    referencing old table as previous_rows new table as changed_rows
    for each statement execute function account_filter_tally_keep();
create trigger account_filter_tally_removed after delete on account
    referencing old table as removed_rows for each statement execute function account_filter_tally_keep();

insert into account_filter_tally (owner_id, archived, industry, region, status, key_account_type, accounts)
select o.owner_id, a.archived, coalesce(a.industry, ''), coalesce(a.region, ''), a.status,
       coalesce(a.key_account_type, ''), count(*)
from account a cross join lateral (select a.owner_id union all select 0) o (owner_id)
where a.owner_id is not null and a.merged_into is null
group by 1, 2, 3, 4, 5, 6;
analyze account_filter_tally;
