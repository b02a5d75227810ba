-- The board reads each buying step a page at a time, longest in the stage first, and counts it: one index
-- answers both for everyone's deals, the other for one owner's (a KAM's board opens on "mine"); the second
-- replaces the (owner_id, stage) index, which it covers.
create index ix_opportunity_stage_since on opportunity (stage, stage_since, id);
create index ix_opportunity_owner_stage_since on opportunity (owner_id, stage, stage_since, id);
drop index ix_opportunity_owner;
-- The list sorted by last change, newest first.
create index ix_opportunity_updated on opportunity (updated_at, id);
