#!/usr/bin/env bash
# Contact plan at a million accounts (issue #14: "my overdue" and "team overdue" p99 at 20 concurrent requests
# <= 50 ms). Starts the jar on a fresh PostgreSQL 15 (Debian's packages, started for the run), makes a KAM and a
# manager through the API and personal access tokens for both, then seeds inside PostgreSQL with a fixed seed:
# KAMS key account managers in TEAMS teams (one manager each), ACCOUNTS accounts owned round-robin, a company-wide
# segmentation run with a snapshot row per account (tiers by rank: 1 % VIP, 4 % Major, 15 % Ordinary, the rest
# Small) and ACTIVITIES activities on random accounts over the last two years, a third planning a next contact; the
# latest-contact read model is filled as migration V130 fills it, the due-day read model as DueDays.rebuild() fills
# it (decision 0035). Then, per list: wrk on loopback (warm-up, then a
# bounded run) and, as the yardstick, the bare SQL of the same list with pgbench at the same concurrency, plus the
# plan (EXPLAIN ANALYZE) behind it; and the bare SQL the lists ran before the read model, on the same data. Prints req/s (transactions/s), p50 and p99.
#   bench/contact-plan.sh [accounts] [activities] [connections] [seconds]
#   bench/contact-plan.sh                      # 1M accounts, 10M activities, 20 connections, 20 s
#   bench/contact-plan.sh 100000 1000000 20 5  # the quick run
# Seeding 1M accounts and 10M activities takes several minutes; each measurement is bounded (5 s warm-up).
set -euo pipefail
cd "$(dirname "$0")/.."
ACCOUNTS=${1:-1000000}
ACTIVITIES=${2:-10000000}
CONNECTIONS=${3:-20}
SECONDS_RUN=${4:-20}
KAMS=${KAMS:-300}
TEAMS=${TEAMS:-30}
PORT=${PORT:-18083}
PGPORT=${PGPORT:-55483}
# The application's statements are prepared and keep their plans (a team's merged page is planned once, decision
# 0057): the bare SQL is run the same way.
BENCH_PROTOCOL=${BENCH_PROTOCOL:-prepared}
. bench/lib.sh
bench_start
echo "accounts: $ACCOUNTS; activities: $ACTIVITIES; KAMs: $KAMS in $TEAMS teams; connections: $CONNECTIONS;" \
  "cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"

user bench-kam-1 KAM
user bench-manager-1 MANAGER

seed_start=$(date +%s.%N)
"${PSQL[@]}" <<SQL
select setseed(0.14);
-- The other KAMs and managers share the API-made users' password hash: only those two sign in.
insert into app_user (username, display_name, password_hash, role, active, created_at, version)
select 'bench-kam-' || k, 'Key Account Manager ' || k, u.password_hash, 'KAM', true, now(), 0
from generate_series(2, $KAMS) k, app_user u where u.username = 'bench-kam-1';
insert into app_user (username, display_name, password_hash, role, active, created_at, version)
select 'bench-manager-' || m, 'Manager ' || m, u.password_hash, 'MANAGER', true, now(), 0
from generate_series(2, $TEAMS) m, app_user u where u.username = 'bench-manager-1';
insert into team (name, manager_id, created_at, version)
select 'Team ' || substr(u.username, 15), u.id, now(), 0 from app_user u where u.username like 'bench-manager-%';
update app_user u set team_id = t.id from team t
where t.name = 'Team ' || (1 + (substr(u.username, 11)::int - 1) % $TEAMS) and u.username like 'bench-kam-%';
update app_user u set team_id = t.id from team t where t.manager_id = u.id;
-- Accounts owned round-robin by the KAMs.
insert into account (name, name_key, owner_id, status, archived, created_at, updated_at, version)
select 'Customer ' || x, 'customer ' || x, k.ids[1 + x % k.n], 'ACTIVE', false, now(), now(), 1
from generate_series(1, $ACCOUNTS) x,
     (select array_agg(id order by id) ids, count(*)::int n from app_user where role = 'KAM') k;
delete from account_tally;
insert into account_tally (owner_id, archived, accounts)
select owner_id, archived, count(*) from account group by owner_id, archived;
-- A company-wide segmentation run ranking every account at random: 1 % VIP, 4 % Major, 15 % Ordinary, the rest
-- Small, as the default percentages cut a skewed book.
insert into segmentation_run (period_from, period_to, prior_from, prior_to, measure, vip_percent, major_percent,
    ordinary_percent, abc_a_percent, abc_b_percent, growth_percent, clv_discount_percent, clv_horizon_years,
    accounts, started_by, started_at)
values (current_date - 365, current_date - 1, current_date - 730, current_date - 366, 'REVENUE', 1, 5, 20, 80, 95,
        20, 8, 5, $ACCOUNTS, 'bench', localtimestamp);
insert into segmentation_snapshot (run_id, account_id, rank_no, amount, revenue, margin, prior_amount,
    cumulative_amount, tier, abc, abc_rule, value_growth, contact_cost, net_profit, clv)
select r.id, a.id, a.rank_no, 0, 0, 0, 0, 0,
       case when a.rank_no <= $ACCOUNTS / 100 then 'VIP' when a.rank_no <= $ACCOUNTS / 20 then 'MAJOR'
            when a.rank_no <= $ACCOUNTS / 5 then 'ORDINARY' else 'SMALL' end, 'C', 'C', 'STABLE', 0, 0, 0
from (select id, row_number() over (order by random()) as rank_no from account) a,
     (select max(id) as id from segmentation_run) r;
-- Activities on random accounts at a random time in the last two years, written by the account's owner, a third
-- planning a next contact one to eight weeks on; sorted by account, as a history loaded over time would cluster.
insert into activity (account_id, type, occurred_at, summary, next_step, next_contact_date, created_by, created_at,
                      version)
select g.account, g.type, g.at, 'Follow-up', case when g.plan then 'Call back' end,
       case when g.plan then cast(g.at as date) + g.ahead end, a.owner_id, g.at, 0
from (select (select min(id) from account) + floor(random() * $ACCOUNTS)::int as account,
             (array['VISIT', 'PHONE', 'MESSAGE', 'MEETING', 'GIFT'])[1 + floor(random() * 5)::int] as type,
             date_trunc('minute', localtimestamp - random() * interval '730 days') as at,
             random() < 0.33 as plan, 7 + floor(random() * 50)::int as ahead
      from generate_series(1, $ACTIVITIES) x) g
join account a on a.id = g.account
order by g.account, g.at;
-- Written in SQL, so the latest-contact read model is filled as migration V130 fills it.
insert into activity_last_contact (account_id, last_contact_at, next_contact_date)
select lc.account_id, lc.occurred_at, lc.next_contact_date
from (select a.account_id, a.occurred_at, a.next_contact_date,
             row_number() over (partition by a.account_id order by a.occurred_at desc, a.id desc) as rn
      from activity a) lc
where lc.rn = 1;
-- And the due-day read model as DueDays.rebuild() fills it (decision 0035), with the default cadences.
insert into home_due_day (account_id, owner_id, account_name, tier, due_on, last_contact_at, next_contact_date)
select b.id, b.owner_id, b.name, coalesce(t.tier, 'SMALL'),
       least(case when c.next_contact_date > cast(c.last_contact_at as date) then c.next_contact_date end,
             cast(c.last_contact_at as date) + case t.tier when 'VIP' then 14 when 'MAJOR' then 30
                                                when 'ORDINARY' then 60 else 180 end),
       c.last_contact_at, c.next_contact_date
from account b
left join activity_last_contact c on c.account_id = b.id
left join segmentation_snapshot t on t.account_id = b.id and t.run_id = (select max(id) from segmentation_run)
where b.archived = false;
-- Each owner's version of the read model, as a rebuild raises it (decision 0056).
insert into home_due_owner (owner_id, version) select owner_id, 1 from home_due_day group by owner_id
on conflict (owner_id) do update set version = home_due_owner.version + 1;
vacuum analyze;
SQL
echo "seeded in $(echo "$(date +%s.%N) - $seed_start" | bc)s"
KAM_ID=$("${PSQL[@]}" -tAc "select id from app_user where username = 'bench-kam-1'")
MANAGER_ID=$("${PSQL[@]}" -tAc "select id from app_user where username = 'bench-manager-1'")
RUN_ID=$("${PSQL[@]}" -tAc "select max(id) from segmentation_run")
TEAM_IDS=$("${PSQL[@]}" -tAc "select string_agg(id::text, ', ' order by id) from app_user
  where manager_id = $MANAGER_ID or team_id in (select id from team where manager_id = $MANAGER_ID) or id = $MANAGER_ID")
"${PSQL[@]}" -tAc "select 'KAM ' || $KAM_ID || ': ' || count(*) || ' accounts; team of manager ' || $MANAGER_ID
  || ' (' || (select count(*) from app_user where team_id = (select team_id from app_user where id = $MANAGER_ID)
  and role = 'KAM') || ' KAMs): ' || (select count(*) from account where owner_id in ($TEAM_IDS)) || ' accounts; '
  || (select count(*) from activity_last_contact) || ' accounts ever contacted'
  from account where owner_id = $KAM_ID"

KAM_TOKEN=$(token bench-kam-1 "$PASSWORD")
MANAGER_TOKEN=$(token bench-manager-1 "$PASSWORD")

report() { # name, req/s, p50, p99
  printf '%-62s %10s/s  p50 %-9s p99 %-9s\n' "$1" "$2" "$3" "$4"
}
http() { # name, token, path
  local status
  status=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $2" "http://127.0.0.1:$PORT$3")
  [ "$status" = 200 ] || { echo "$3 answers $status: $(head -c 300 "$WORK/body")" >&2; exit 1; }
  echo "  $3 -> total $(sed -n 's/.*"total":\([0-9]*\).*/\1/p' "$WORK/body")"
  wrk -t2 -c"$CONNECTIONS" -d5s --timeout 10s -H "Authorization: Bearer $2" "http://127.0.0.1:$PORT$3" > /dev/null
  out=$(wrk --latency --timeout 10s -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" -H "Authorization: Bearer $2" \
    "http://127.0.0.1:$PORT$3")
  errors=$(echo "$out" | grep -E 'Non-2xx|Socket errors' | tr '\n' ' ' || true)
  report "$1" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" "$(echo "$out" | awk '$1=="50%" {print $2}')" \
    "$(echo "$out" | awk '$1=="99%" {print $2}')"
  [ -z "$errors" ] || echo "  $errors"
}
sql() { # name, SQL script (the statements of one request)
  bench_sql "$@"
}
plan() { # SQL: its plan, run once
  "${PSQL[@]}" -c "explain (analyze, buffers, timing off) $1" | sed 's/^/    /'
}

# The statements HomeQueries runs for a list, written out with the values the application binds: the owners' rows
# of the due-day read model (decision 0035), a page with its total (its rows carry their latest contact, V170),
# and for a team the counts per KAM. A team's book adds the accounts shared with the manager whom the team does not
# own.
book() { # reader id, owner ids, whether to add the shared accounts
  echo "select dd.account_id, dd.account_name, dd.owner_id, dd.tier,
       (case dd.tier when 'VIP' then 0 when 'MAJOR' then 1 when 'ORDINARY' then 2 else 3 end) as tier_order,
       dd.due_on as due_raw, coalesce(dd.due_on, current_date) as due_on, dd.last_contact_at, dd.next_contact_date
from home_due_day dd where dd.owner_id in ($2)"
  [ "${3:-}" = shared ] && echo "union all
select dd.account_id, dd.account_name, dd.owner_id, dd.tier,
       (case dd.tier when 'VIP' then 0 when 'MAJOR' then 1 when 'ORDINARY' then 2 else 3 end) as tier_order,
       dd.due_on as due_raw, coalesce(dd.due_on, current_date) as due_on, dd.last_contact_at, dd.next_contact_date
from home_due_day dd where dd.account_id in (select sm.account_id from account_team_member sm where sm.user_id = $1)
  and dd.owner_id not in ($2)"
  return 0
}
# A team's overdue page as PostgreSQL ran it before decision 0057: each owner's first 50 overdue rows from the owner's range of the
# index (the order of the page within an owner), the page cut from those; before decision 0056 with the total an
# index-only count.
PAGE_PER_OWNER() { # reader id, owner ids
  echo "select count(*) from ($(book "$1" "$2" shared)) d where d.due_raw < current_date;
$(PAGE_RANGES "$1" "$2")"
}
# The end of a team's overdue page: the accounts shared with the reader that the team does not own, the order and
# the page.
SHARED_PAGE_END() { # reader id, owner ids
  echo "union all
select dd.account_id, dd.account_name, dd.owner_id, dd.tier,
       (case dd.tier when 'VIP' then 0 when 'MAJOR' then 1 when 'ORDINARY' then 2 else 3 end) as tier_order,
       dd.due_on as due_raw, coalesce(dd.due_on, current_date) as due_on, dd.last_contact_at, dd.next_contact_date
from home_due_day dd where dd.account_id in (select sm.account_id from account_team_member sm where sm.user_id = $1)
  and dd.owner_id not in ($2)) d where d.due_raw < current_date order by d.due_on, d.account_name, d.account_id
limit 50 offset 0"
}
PAGE_RANGES() { # reader id, owner ids
  echo "select d.* from (
select o.* from unnest(array[$2]::bigint[]) u (owner_id) cross join lateral (
  select dd.account_id, dd.account_name, dd.owner_id, dd.tier,
         (case dd.tier when 'VIP' then 0 when 'MAJOR' then 1 when 'ORDINARY' then 2 else 3 end) as tier_order,
         dd.due_on as due_raw, coalesce(dd.due_on, current_date) as due_on, dd.last_contact_at, dd.next_contact_date
  from home_due_day dd where dd.owner_id = u.owner_id and dd.due_on < current_date
  order by dd.due_on, dd.account_name, dd.account_id limit 50) o
$(SHARED_PAGE_END "$1" "$2")"
}
# The same page as it is read since decision 0057: one ordered range per owner, merged (Merge Append), so only the
# page's rows are read from the index; the accounts shared with the reader appended.
PAGE_MERGED() { # reader id, owner ids
  local owner branches=""
  for owner in ${2//,/ }; do
    [ -z "$branches" ] || branches="$branches
  union all "
    branches="$branches(select dd.account_id, dd.account_name, dd.owner_id, dd.tier,
         (case dd.tier when 'VIP' then 0 when 'MAJOR' then 1 when 'ORDINARY' then 2 else 3 end) as tier_order,
         dd.due_on as due_raw, coalesce(dd.due_on, current_date) as due_on, dd.last_contact_at, dd.next_contact_date
  from home_due_day dd where dd.owner_id = $owner and dd.due_on < current_date
  order by dd.due_on, dd.account_name, dd.account_id limit 50)"
  done
  echo "select d.* from (
(select * from ($branches) s order by s.due_raw, s.account_name, s.account_id limit 50)
$(SHARED_PAGE_END "$1" "$2")"
}
PAGE() { # reader id, owner ids, shared or not
  echo "select d.*, count(*) over () as total_rows
from ($(book "$1" "$2" "${3:-}")) d where d.due_raw < current_date order by d.due_on, d.account_name, d.account_id
limit 50 offset 0"
}
# A team's counts per KAM as they are read since decision 0056: the owners' versions (the counts themselves are
# remembered while the versions stand still) and the accounts shared with the reader, counted live.
REMEMBERED() { # reader id, owner ids
  echo "select owner_id, version from home_due_owner where owner_id in ($2);
select d.owner_id, sum(case when d.due_raw < current_date then 1 else 0 end), count(*)
from (select * from ($(book "$1" "$2" shared | sed -n '/^union all$/,$p' | sed 1d)) s where s.due_raw <= current_date + 7
      union all select * from ($(book "$1" "$2" shared | sed -n '/^union all$/,$p' | sed 1d)) n
      where n.due_raw is null) d group by d.owner_id"
}
COUNTS() { # reader id, owner ids
  echo "select d.owner_id, sum(case when d.due_raw < current_date then 1 else 0 end), count(*)
from (select * from ($(book "$1" "$2" shared)) s where s.due_raw <= current_date + 7
      union all select * from ($(book "$1" "$2" shared)) n where n.due_raw is null) d group by d.owner_id"
}
# Before the read model (decision 0034): the due day computed per account of the book on each request.
due() { # reader id, owner ids: the book with its latest contact, tier and due day
  cat <<Q
select b.account_id, b.account_name, b.owner_id, coalesce(t.tier, 'SMALL') as tier,
       (case t.tier when 'VIP' then 0 when 'MAJOR' then 1 when 'ORDINARY' then 2 else 3 end) as tier_order,
       c.last_contact_at, c.next_contact_date,
       coalesce(least(case when c.next_contact_date > cast(c.last_contact_at as date) then c.next_contact_date end,
                      cast(c.last_contact_at as date) + cast(case t.tier when 'VIP' then 14 when 'MAJOR' then 30
                      when 'ORDINARY' then 60 else 180 end as integer)), current_date) as due_on
from (select bk.id as account_id, bk.name as account_name, bk.owner_id as owner_id from account bk
      where bk.archived = false and (bk.owner_id in ($2) or exists (select 1 from account_team_member sm
      where sm.account_id = bk.id and sm.user_id = $1)) and bk.owner_id in ($2)) b
left join (select lc.account_id, lc.last_contact_at, lc.next_contact_date from activity_last_contact lc) c
  on c.account_id = b.account_id
left join (select ts.account_id, ts.tier from segmentation_snapshot ts where ts.run_id = $RUN_ID) t
  on t.account_id = b.account_id
Q
}
PAGE_OF() { # reader id, owner ids
  echo "select d.*, count(*) over () as total_rows from ($(due "$1" "$2")) d where d.due_on < current_date
order by d.due_on, d.account_name, d.account_id limit 50 offset 0"
}
COUNTS_OF() { # reader id, owner ids
  echo "select d.owner_id, sum(case when d.due_on < current_date then 1 else 0 end), count(*) from ($(due "$1" "$2")) d
where d.due_on <= current_date + 7 group by d.owner_id"
}
RUN="select id from segmentation_run where population is null order by started_at desc, id desc limit 1"

# The JIT compiles for a minute and more on two cores: every list is loaded for WARMUP seconds in all (default 120)
# before the first measured line, so the lines measure the application, not its compiler.
bench_warm "${WARMUP:-120}" \
  "/api/v1/contact-plan?scope=mine&status=overdue" "Authorization: Bearer $KAM_TOKEN" \
  "/api/v1/me/todo" "Authorization: Bearer $KAM_TOKEN" \
  "/api/v1/contact-plan?scope=team&status=overdue" "Authorization: Bearer $MANAGER_TOKEN" \
  "/api/v1/contact-plan?scope=team" "Authorization: Bearer $MANAGER_TOKEN"
echo "--- my overdue (KAM)"
http "GET /api/v1/contact-plan?scope=mine&status=overdue" "$KAM_TOKEN" "/api/v1/contact-plan?scope=mine&status=overdue"
sql "  bare SQL: the page with its total" "$(PAGE "$KAM_ID" "$KAM_ID");"
sql "  before (0034), bare SQL: latest run + the page computed per account" "$RUN; $(PAGE_OF "$KAM_ID" "$KAM_ID");"
plan "$(PAGE "$KAM_ID" "$KAM_ID")"
echo "--- team overdue (manager)"
http "GET /api/v1/contact-plan?scope=team&status=overdue" "$MANAGER_TOKEN" "/api/v1/contact-plan?scope=team&status=overdue"
sql "  bare SQL: versions, shared accounts' counts, page merged from the owners' ranges" \
  "$(REMEMBERED "$MANAGER_ID" "$TEAM_IDS"); $(PAGE_MERGED "$MANAGER_ID" "$TEAM_IDS");"
sql "  before 0057, bare SQL: versions, shared accounts' counts, page from each owner's first rows" \
  "$(REMEMBERED "$MANAGER_ID" "$TEAM_IDS"); $(PAGE_RANGES "$MANAGER_ID" "$TEAM_IDS");"
sql "  before 0056, bare SQL: count, page from each owner's first rows, counts per KAM" \
  "$(PAGE_PER_OWNER "$MANAGER_ID" "$TEAM_IDS"); $(COUNTS "$MANAGER_ID" "$TEAM_IDS");"
sql "  before 2026-12-04, bare SQL: the page with its total + counts per KAM" "$(PAGE "$MANAGER_ID" "$TEAM_IDS" shared);
$(COUNTS "$MANAGER_ID" "$TEAM_IDS");"
sql "  before (0034), bare SQL: latest run + page + counts computed per account" "$RUN; $(PAGE_OF "$MANAGER_ID" "$TEAM_IDS");
$(COUNTS_OF "$MANAGER_ID" "$TEAM_IDS");"
plan "$(PAGE_MERGED "$MANAGER_ID" "$TEAM_IDS")"
plan "$(COUNTS "$MANAGER_ID" "$TEAM_IDS")"
echo "--- the same query elsewhere"
http "GET /api/v1/me/todo (KAM)" "$KAM_TOKEN" "/api/v1/me/todo"
http "GET /api/v1/contact-plan?scope=team (due, manager)" "$MANAGER_TOKEN" "/api/v1/contact-plan?scope=team"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
