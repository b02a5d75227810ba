-- The account list filtered by one custom field reads this table instead of the account
-- rows (decision 0062): one row per listed account and value it holds (an option of a
-- multiple choice is a row of its own), with the account's owner, archived flag and name
-- key beside it, so the first page by name reads twenty index entries and twenty accounts,
-- and the matches of a reader sharing accounts are counted from the index alone (the
-- others' exact total: account_custom_tally below). The GIN containment of decision 0048
-- rechecked every matching account's row: counting to 10,001 read up to 10,001 rows.
-- Kept by the triggers below in the transaction that changes the account, whatever writes
-- it (the aggregate, imports, merges, the pool's nightly returns). Merged accounts are no
-- list's, so they have no rows; a value longer than 600 bytes is left out (a B-tree entry
-- holds about 2,700), and a filter by such a value reads the accounts.
create table account_custom_value (
    account_id bigint       not null references account (id) on delete cascade,
    field_key  varchar(40)  not null,
    value      text         not null,
    owner_id   bigint,
    archived   boolean      not null,
    name_key   varchar(200) not null,
    primary key (account_id, field_key, value)
);
-- Everything in scope (a director): by value, live or archived, in name order.
create index ix_account_custom_value_name
    on account_custom_value (field_key, value, archived, name_key, account_id) include (owner_id);
-- A book or a team (a KAM, a manager): by value and owner, in name order per owner.
create index ix_account_custom_value_owner
    on account_custom_value (field_key, value, owner_id, archived, name_key, account_id);

-- How many accounts of each owner hold each value, live or archived: the exact total of a
-- list filtered by one custom field is then a sum over the reader's owners (a KAM's row, a
-- team's few; everyone's under owner 0), as account_tally gives the unfiltered list's. Written as
-- changes (+1, -1) and never updated in place: an import giving ten thousand accounts of one
-- owner the same value would otherwise update one row ten thousand times in a transaction,
-- each update walking the versions the earlier ones left. AccountCustomTally folds each
-- owner's changes into one row every minute.
create table account_custom_tally (
    field_key varchar(40) not null,
    value     text        not null,
    owner_id  bigint      not null,
    archived  boolean     not null,
    accounts  integer     not null
);
create index ix_account_custom_tally on account_custom_tally (field_key, value, archived, owner_id) include (accounts);

-- The values an account is found by: none for a merged account, an option of a multiple
-- choice on its own, a value too long for a B-tree entry left out.
create function account_custom_values(changed account) returns table (field_key text, value text)
language sql stable as $$
    select distinct e.key, v.value
    from jsonb_each(changed.custom_fields) e
    cross join lateral (
        select jsonb_array_elements_text(e.value) where jsonb_typeof(e.value) = 'array'
        union all
        select e.value #>> '{}' where jsonb_typeof(e.value) <> 'array') v (value)
    where changed.merged_into is null and octet_length(v.value) <= 600
$$;

-- The changes an account's change makes to the owners' counts: −1 for what it held, +1 for
-- what it holds, for its owner and for everyone (owner 0: a reader who sees every account
-- sums one row, not one per owner); what nets to nothing is not written.
create function account_custom_tally_write(old_row account, new_row account) returns void
language sql as $$
    insert into account_custom_tally (field_key, value, owner_id, archived, accounts)
    select c.field_key, c.value, o.owner_id, c.archived, sum(c.delta)
    from (select field_key, value, old_row.owner_id as owner_id, old_row.archived as archived, -1 as delta
          from account_custom_values(old_row) where old_row.owner_id is not null
          union all
          select field_key, value, new_row.owner_id, new_row.archived, 1
          from account_custom_values(new_row) where new_row.owner_id is not null) c
    cross join lateral (select c.owner_id union all select 0) o (owner_id)
    group by c.field_key, c.value, o.owner_id, c.archived
    having sum(c.delta) <> 0
$$;

create function account_custom_value_keep() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        -- A new account: its values, and +1 for its owner and for everyone, in one statement.
        with added as (
            insert into account_custom_value (account_id, field_key, value, owner_id, archived, name_key)
            select new.id, field_key, value, new.owner_id, new.archived, new.name_key from account_custom_values(new)
            returning field_key, value)
        insert into account_custom_tally (field_key, value, owner_id, archived, accounts)
        select a.field_key, a.value, o.owner_id, new.archived, 1
        from added a cross join (values (new.owner_id), (0)) o (owner_id)
        where new.owner_id is not null;
    elsif new.custom_fields is not distinct from old.custom_fields
            and new.merged_into is not distinct from old.merged_into then
        update account_custom_value
        set owner_id = new.owner_id, archived = new.archived, name_key = new.name_key
        where account_id = new.id;
        if new.owner_id is distinct from old.owner_id or new.archived is distinct from old.archived then
            perform account_custom_tally_write(old, new);
        end if;
    else
        delete from account_custom_value where account_id = new.id;
        insert into account_custom_value (account_id, field_key, value, owner_id, archived, name_key)
        select new.id, field_key, value, new.owner_id, new.archived, new.name_key from account_custom_values(new);
        perform account_custom_tally_write(old, new);
    end if;
    return null;
end
$$;

create trigger account_custom_value_added after insert on account
    for each row when (new.custom_fields is not null) execute function account_custom_value_keep();
-- Only a change of what the rows hold fires it: a return to the pool of an account
-- without custom values costs nothing here.
create trigger account_custom_value_changed
    after update of custom_fields, owner_id, archived, merged_into, name_key on account
    for each row when ((new.custom_fields is not null or old.custom_fields is not null)
        and (new.custom_fields is distinct from old.custom_fields or new.owner_id is distinct from old.owner_id
             or new.archived is distinct from old.archived or new.merged_into is distinct from old.merged_into
             or new.name_key is distinct from old.name_key))
    execute function account_custom_value_keep();

insert into account_custom_value (account_id, field_key, value, owner_id, archived, name_key)
select a.id, v.field_key, v.value, a.owner_id, a.archived, a.name_key
from account a cross join lateral account_custom_values(a) v
where a.custom_fields is not null;
insert into account_custom_tally (field_key, value, owner_id, archived, accounts)
select field_key, value, owner_id, archived, count(*) from account_custom_value where owner_id is not null
group by field_key, value, owner_id, archived
union all
select field_key, value, 0, archived, count(*) from account_custom_value where owner_id is not null
group by field_key, value, archived;
analyze account_custom_value;
analyze account_custom_tally;
