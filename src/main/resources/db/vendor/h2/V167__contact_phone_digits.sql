-- A phone number is searched by its digits (decision 0054), as on PostgreSQL ("g": every non-digit, not the first).
alter table contact add column phone_digits varchar(50) generated always as (regexp_replace(phone, '[^0-9]', '', 'g'));
create index ix_contact_phone_digits on contact (phone_digits);
