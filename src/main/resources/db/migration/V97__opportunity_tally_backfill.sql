-- The tally of the opportunities recorded before it was kept (V96).
insert into opportunity_tally (owner_id, stage, opportunities, amount)
select owner_id, stage, count(*), coalesce(sum(amount), 0) from opportunity group by owner_id, stage;
