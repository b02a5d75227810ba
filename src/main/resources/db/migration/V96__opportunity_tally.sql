-- Opportunities per owner and stage with their amount, kept by the application in the same transaction as every
-- write that changes an opportunity's owner, stage or amount, so the unfiltered board and list show exact totals
-- without adding up every opportunity on every page. The weighted amount is not kept: it follows the stage's
-- probability, which an administrator may change, and is worked out from the amount when read.
create table opportunity_tally (
    owner_id       bigint         not null,
    stage          varchar(30)    not null,
    opportunities  bigint         not null,
    amount         numeric(30, 2) not null,
    primary key (owner_id, stage)
);
