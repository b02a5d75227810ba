-- The buying center per person at an account (DOMAIN.md §7): roles held, influence, attitude to us, our
-- personal relationship level with them (the 25-grid personal axis) and which of our people owns that relationship.
-- Roles are a comma-separated set of codes: a contact may hold several, and the set is always read whole.
alter table contact add column buying_roles varchar(100);
alter table contact add column influence smallint;
alter table contact add column attitude varchar(20);
alter table contact add column personal_level smallint;
alter table contact add column relationship_owner_id bigint references app_user (id);
alter table contact add constraint ck_contact_influence check (influence is null or influence between 1 and 5);
alter table contact add constraint ck_contact_personal_level check (personal_level is null or personal_level between 0 and 5);
alter table contact add constraint ck_contact_attitude
    check (attitude is null or attitude in ('CHAMPION', 'SUPPORTER', 'NEUTRAL', 'OPPONENT'));
