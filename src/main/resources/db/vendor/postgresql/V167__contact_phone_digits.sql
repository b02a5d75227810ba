-- A phone number is searched by its digits (decision 0054): "862155550101", "+86 21 5555 0101" and
-- "86-21-5555-0101" all find "+86 (21) 5555-0101". The database keeps the digits, so every writer keeps them right.
alter table contact add column phone_digits varchar(50) generated always as (regexp_replace(phone, '[^0-9]', '', 'g')) stored;
drop index ix_contact_phone;
create index ix_contact_phone_digits on contact (phone_digits);
