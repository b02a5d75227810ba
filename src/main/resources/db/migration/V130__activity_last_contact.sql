-- Each account's latest contact and the next contact it planned, kept by the activity module in the same
-- transaction as every activity write (decision 0034): the contact plan reads one row per account instead of ranking
-- every contact activity on each request. Accounts never contacted have no row.
create table activity_last_contact (
    account_id         bigint    not null primary key references account (id),
    last_contact_at    timestamp not null,
    next_contact_date  date
);

-- Every activity type counted as a contact when this was written (ActivityType.contact()).
insert into activity_last_contact (account_id, last_contact_at, next_contact_date)
select lc.account_id, lc.occurred_at, lc.next_contact_date
from (select a.account_id, a.occurred_at, a.next_contact_date,
             row_number() over (partition by a.account_id order by a.occurred_at desc, a.id desc) as rn
      from activity a
      where a.type in ('VISIT', 'PHONE', 'MESSAGE', 'LETTER', 'GIFT', 'INFORMATION', 'HOSTING', 'GREETING',
                       'MEETING')) lc
where lc.rn = 1;
