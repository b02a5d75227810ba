-- The latest contact on the due-day row (decision 0056's next step): a page of the contact plan shows each account's
-- last contact and planned next contact, which it read by probing the latest-contact table once per row shown. Kept
-- here, the page is read from the owners' index alone. The rows are emptied and the application refills them at
-- start (DueDays.fillWhenEmpty), computing the new columns with the rest.
alter table home_due_day add column last_contact_at timestamp;
alter table home_due_day add column next_contact_date date;
delete from home_due_day;
