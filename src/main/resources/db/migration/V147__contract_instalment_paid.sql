-- What an instalment's allocations paid, kept on the instalment (decision 0040): every
-- read of what is owed (aging, the chase list, the contract page, the data card, churn)
-- subtracts it instead of summing the allocations on each request. ReceiptWriter keeps it
-- in the transaction that writes or removes an allocation.
alter table instalment add column paid numeric(19, 2) not null default 0;
update instalment set paid = coalesce((select sum(a.amount) from receipt_allocation a
                                       where a.instalment_id = instalment.id), 0);
alter table instalment add constraint ck_instalment_paid check (paid >= 0 and paid <= amount);
