-- Whose book the contact's account is in (decision 0069): its owner while the account is live
-- and owned, 0 while it is archived or in the pool. Kept by the contact module (ContactBooks)
-- whenever an account's owner or archived flag changes and whenever a contact is added, so a
-- KAM's contact list reads their own people along one index in name order and stops after a
-- page, where it read every person of their book to sort them. Filled for the contacts
-- already stored by migration 179 (ContactBookFill), then indexed by migration 180.
alter table contact add column book_owner_id bigint not null default 0;
