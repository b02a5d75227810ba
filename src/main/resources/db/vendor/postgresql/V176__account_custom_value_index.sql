-- The account list filtered by one custom field reads this table instead of the account
-- rows (decision 0062): one row per listed account and value it holds (an option of a
-- multiple choice is a row of its own), with the account's owner, archived flag and name
-- key beside it, so the capped total is an index-only range and the first page by name
-- reads twenty index entries and twenty accounts (its exact total: account_custom_tally
-- below). The GIN containment of decision 0048
-- rechecked every matching account's row: counting to 10,001 read up to 10,001 rows.
-- Kept by the triggers below in the transaction that changes the account, whatever
-- writes it (the aggregate, imports, merges, the pool's nightly returns). Merged accounts
-- are no list's, so they have no rows; a value longer than 600 bytes is left out (a
-- B-tree entry holds about 2,700), and a filter by such a value reads the accounts.
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

create function account_custom_value_write(changed account) returns void language sql as $$
    insert into account_custom_value (account_id, field_key, value, owner_id, archived, name_key)
    select changed.id, e.key, v.value, changed.owner_id, changed.archived, changed.name_key
    from jsonb_each(changed.custom_fields) e
    cross join lateral (
        select jsonb_array_elements_text(e.value) where jsonb_typeof(e.value) = 'array'
        union all
        select e.value #>> '{}' where jsonb_typeof(e.value) <> 'array') v (value)
    where changed.merged_into is null and octet_length(v.value) <= 600
    on conflict do nothing
$$;

create function account_custom_value_keep() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and new.custom_fields is not distinct from old.custom_fields
            and new.merged_into is not distinct from old.merged_into then
        update account_custom_value
        set owner_id = new.owner_id, archived = new.archived, name_key = new.name_key
        where account_id = new.id;
        return null;
    end if;
    if tg_op = 'UPDATE' then
        delete from account_custom_value where account_id = new.id;
    end if;
    if new.custom_fields is not null then
        perform account_custom_value_write(new);
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

select account_custom_value_write(a) from account a where a.custom_fields is not null and a.merged_into is null;

-- How many accounts of each owner hold each value, live or archived: the exact total of a
-- list filtered by one custom field is then a sum over the reader's owners (a KAM's one
-- row, a director's few hundred), as account_tally gives the unfiltered list's. Kept by
-- statement triggers on the index of values, each statement's changes summed and written in
-- key order, so two writers take the rows they share in the same order. A count may fall
-- to zero; its row stays.
create table account_custom_tally (
    field_key varchar(40) not null,
    value     text        not null,
    owner_id  bigint      not null,
    archived  boolean     not null,
    accounts  integer     not null,
    primary key (field_key, value, owner_id, archived)
);

create function account_custom_tally_keep() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into account_custom_tally as t (field_key, value, owner_id, archived, accounts)
        select field_key, value, owner_id, archived, count(*) from added where owner_id is not null
        group by field_key, value, owner_id, archived order by field_key, value, owner_id, archived
        on conflict (field_key, value, owner_id, archived) do update set accounts = t.accounts + excluded.accounts;
    elsif tg_op = 'DELETE' then
        insert into account_custom_tally as t (field_key, value, owner_id, archived, accounts)
        select field_key, value, owner_id, archived, -count(*) from removed where owner_id is not null
        group by field_key, value, owner_id, archived order by field_key, value, owner_id, archived
        on conflict (field_key, value, owner_id, archived) do update set accounts = t.accounts + excluded.accounts;
    else
        insert into account_custom_tally as t (field_key, value, owner_id, archived, accounts)
        select field_key, value, owner_id, archived, sum(delta)
        from (select field_key, value, owner_id, archived, 1 as delta from added
              union all
              select field_key, value, owner_id, archived, -1 from removed) moved
        where owner_id is not null
        group by field_key, value, owner_id, archived having sum(delta) <> 0
        order by field_key, value, owner_id, archived
        on conflict (field_key, value, owner_id, archived) do update set accounts = t.accounts + excluded.accounts;
    end if;
    return null;
end
$$;

create trigger account_custom_tally_added after insert on account_custom_value
    referencing new table as added for each statement execute function account_custom_tally_keep();
create trigger account_custom_tally_removed after delete on account_custom_value
    referencing old table as removed for each statement execute function account_custom_tally_keep();
create trigger account_custom_tally_moved after update on account_custom_value
    referencing old table as removed new table as added for each statement execute function account_custom_tally_keep();

insert into account_custom_tally (field_key, value, owner_id, archived, accounts)
select field_key, value, owner_id, archived, count(*) from account_custom_value where owner_id is not null
group by field_key, value, owner_id, archived;
analyze account_custom_value;
analyze account_custom_tally;
