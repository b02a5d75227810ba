-- The credit books (decision 0059): every account under the owner the credit lists last
-- counted it for (0 for the public pool), and a version per owner, raised in every
-- transaction that rates one of the owner's accounts, moves an account into or out of the
-- owner's book, renames, archives or makes a key account of one, or re-tiers the company.
-- The due list and the tier x grade heat map remember each owner's part per day with its
-- version. The application fills the rows at start.
create table credit_account (
    account_id bigint primary key,
    owner_id   bigint not null
);
create index ix_credit_account_owner on credit_account (owner_id, account_id);

create table credit_owner (
    owner_id bigint primary key,
    version  bigint not null
);
