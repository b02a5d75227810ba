-- The receivables' books (decision 0058): each account that has contracts, under the owner
-- its receivables were last counted for (0 for the public pool), and a version per owner,
-- raised in every transaction that changes what one of the owner's accounts owes or moves
-- an account into or out of the owner's book. The aging report remembers each owner's part
-- per day with its version. The application fills the rows at start.
create table receivable_account (
    account_id bigint primary key,
    owner_id   bigint not null
);
create index ix_receivable_account_owner on receivable_account (owner_id, account_id);

create table receivable_owner (
    owner_id bigint primary key,
    version  bigint not null
);
