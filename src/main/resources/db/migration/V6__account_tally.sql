-- Accounts per owner and archive state, kept by the application in the same transaction as every change, so the
-- unfiltered account list can show its exact total without counting a million rows on every page.
create table account_tally (
    owner_id  bigint  not null,
    archived  boolean not null,
    accounts  bigint  not null,
    primary key (owner_id, archived)
);
insert into account_tally (owner_id, archived, accounts)
select owner_id, archived, count(*) from account group by owner_id, archived;
