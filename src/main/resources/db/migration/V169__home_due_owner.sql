-- A version per owner of the due-day read model, raised in the same transaction as every change to one of the owner's
-- rows (DueDays). A team's counts per KAM (how many overdue, how many due within the week) are remembered per owner
-- and day with the version they were counted at, and counted again only when it moved: a manager's contact plan
-- reads ten versions instead of counting twelve thousand rows per request (OwnerDueCounts). Every node checks the
-- version, so a change on one is seen on all.
create table home_due_owner (
    owner_id  bigint not null primary key,
    version   bigint not null
);

insert into home_due_owner (owner_id, version) select owner_id, 1 from home_due_day group by owner_id;
