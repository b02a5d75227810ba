-- Lock slots for the keys that make two accounts duplicates (the folded name, the
-- registration id): creating or re-registering an account locks the slots its keys hash
-- to before the duplicate check, so two such writes at once take turns and the second
-- sees the first. A fixed table of rows, because H2 has no advisory locks; 1,024 slots
-- keep unrelated keys from waiting for each other but rarely.
create table account_key_slot (slot integer primary key);

insert into account_key_slot (slot)
with recursive s (n) as (select 0 union all select n + 1 from s where n < 1023)
select n from s;
