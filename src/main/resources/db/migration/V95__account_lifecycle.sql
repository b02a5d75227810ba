-- The lifecycle the product keeps (DOMAIN.md §2.1): the date of the account's latest purchase,
-- kept from the ledger's PurchasesRecorded events, so the nightly dormancy check reads the
-- account table alone; and the decision that made an account LOST (churn reason, §10.4, and
-- the day), cleared when a later purchase brings it back.
alter table account add column last_purchase_on date;
alter table account add column churn_reason varchar(30);
alter table account add column lost_on date;
create index ix_account_status_purchase on account (status, last_purchase_on);

-- Accounts that bought before this column existed: the one time the account module reads the
-- ledger, before any event could have filled the column. From here on the events keep it.
update account set last_purchase_on = (select max(o.order_date) from order_line o where o.account_id = account.id);
