-- The opportunity list sorted by amount or by name reads its page straight from an index, in either direction
-- (backwards for descending), instead of sorting every opportunity the reader may see for 25 rows.
create index ix_opportunity_amount on opportunity (amount, id);
create index ix_opportunity_name on opportunity (name, id);
