-- The owners' index carries the latest contact too, so a team's page (each owner's first rows) stays index-only.
drop index ix_home_due_day_owner;
create index ix_home_due_day_owner on home_due_day (owner_id, due_on, account_name, account_id, tier)
    include (last_contact_at, next_contact_date);
