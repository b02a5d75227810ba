#!/usr/bin/env bash
# Credit ratings at a million accounts (issue #13, PERFORMANCE.md P6: the credit due list and the tier × grade heat
# map, p99 at 20 concurrent requests <= 50 ms). Starts the jar on a fresh PostgreSQL 15 (Debian's packages, started
# for the run), makes a KAM and a manager through the API and personal access tokens for both, then seeds inside
# PostgreSQL with a fixed seed: KAMS key account managers in TEAMS teams (one manager each), ACCOUNTS accounts owned
# round-robin (one in ten a key account), a company-wide segmentation run with a snapshot row per account (tiers by
# rank: 1 % VIP, 4 % Major, 15 % Ordinary, the rest Small) and one credit rating per account on the credit card in
# use — four in five for the current quarter, the rest for the one before (so those are due) — its score uniform
# from 30 to 100 and its grade, subtotals and suggested credit as the card and the credit terms give them — and the
# credit books (decision 0059). Then: a director's first request of each list (every book worked out); wrk on
# loopback (warm-up, then a bounded run) on each list for a KAM, a manager and the director; again while ratings are
# recorded through the API; then, as the yardsticks, the bare SQL of the same lists with pgbench at the same
# concurrency, the plans (EXPLAIN ANALYZE) behind them and those of one moved book's statements. Prints req/s, p50
# and p99. BARE=0 leaves the yardsticks out (a profiling run).
#   bench/scorecards.sh [accounts] [connections] [seconds]
#   bench/scorecards.sh                  # 1M accounts, 20 connections, 20 s
#   bench/scorecards.sh 100000 20 5      # the quick run
set -euo pipefail
cd "$(dirname "$0")/.."
ACCOUNTS=${1:-1000000}
CONNECTIONS=${2:-20}
SECONDS_RUN=${3:-20}
KAMS=${KAMS:-300}
TEAMS=${TEAMS:-30}
PORT=${PORT:-18093}
PGPORT=${PGPORT:-55493}
. bench/lib.sh
QUARTER=$(date -u +%Y)-Q$(( ($(date -u +%-m) - 1) / 3 + 1 ))
PREVIOUS=$(date -u -d "$(date -u +%Y-%m-01) -3 months" +%Y)-Q$(( ($(date -u -d "$(date -u +%Y-%m-01) -3 months" +%-m) - 1) / 3 + 1 ))
bench_start
echo "accounts: $ACCOUNTS; KAMs: $KAMS in $TEAMS teams; quarter $QUARTER; connections: $CONNECTIONS;" \
  "cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"

user bench-kam-1 KAM
user bench-manager-1 MANAGER
user bench-director-1 DIRECTOR

seed_start=$(date +%s.%N)
"${PSQL[@]}" <<SQL
select setseed(0.13);
-- The other KAMs and managers share the API-made users' password hash: only those three sign in.
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
-- Accounts owned round-robin by the KAMs, one in ten a key account.
insert into account (name, name_key, owner_id, status, archived, key_account_type, created_at, updated_at, version)
select 'Customer ' || x, 'customer ' || x, k.ids[1 + x % k.n], 'ACTIVE', false,
       case when random() < 0.1 then 'ECONOMIC' end, now(), now(), 1
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
-- One rating per account on the credit card in use, rated by its owner: four in five this quarter, the rest the
-- quarter before (due now). Score uniform from 30 to 100, 30 % of it financial; grade by the default bands; the
-- suggested credit from credit_terms over random purchases of the last twelve months.
insert into credit_rating (account_id, quarter, scorecard_version_id, score, financial, non_financial, grade,
    grade_position, provisional, purchases_12m, suggested_limit, suggested_terms_days, rated_by, rated_at, version)
select r.id, r.quarter, v.id, r.score, round(r.score * 0.3, 2), r.score - round(r.score * 0.3, 2), g.code,
       g.position - 1, false, r.purchases, round(r.purchases * ct.limit_percent / 100, 2), ct.terms_days,
       r.owner_id, localtimestamp, 0
from (select a.id, a.owner_id, case when random() < 0.8 then '$QUARTER' else '$PREVIOUS' end as quarter,
             round(cast(30 + random() * 70 as numeric), 2) as score,
             round(cast(exp(8 + random() * 6) as numeric), 2) as purchases
      from account a) r
join scorecard s on s.kind = 'CREDIT' and s.retired = false
join scorecard_version v on v.scorecard_id = s.id and v.version_no = s.current_version
join scorecard_grade g on g.version_id = v.id
     and g.position = (select min(g2.position) from scorecard_grade g2
                       where g2.version_id = v.id and r.score >= g2.min_score)
join credit_terms ct on ct.grade = g.code
order by r.id;
-- The credit books (decision 0059) as the application fills them for accounts written around it: every owned
-- account under its owner, each owner's book at version 0 (the application remembers nothing of this database yet).
insert into credit_account (account_id, owner_id) select id, owner_id from account where owner_id is not null;
insert into credit_owner (owner_id, version) select distinct owner_id, 0 from credit_account;
vacuum analyze;
SQL
echo "seeded in $(echo "$(date +%s.%N) - $seed_start" | bc)s"
KAM_ID=$("${PSQL[@]}" -tAc "select id from app_user where username = 'bench-kam-1'")
MANAGER_ID=$("${PSQL[@]}" -tAc "select id from app_user where username = 'bench-manager-1'")
RUN_ID=$("${PSQL[@]}" -tAc "select max(id) from segmentation_run")
TEAM_IDS=$("${PSQL[@]}" -tAc "select string_agg(id::text, ', ' order by id) from app_user
  where manager_id = $MANAGER_ID or team_id in (select id from team where manager_id = $MANAGER_ID) or id = $MANAGER_ID")
"${PSQL[@]}" -tAc "select 'KAM ' || $KAM_ID || ': ' || count(*) || ' accounts, '
  || count(*) filter (where not exists (select 1 from credit_rating r where r.account_id = a.id
                                        and r.quarter = '$QUARTER')) || ' due; team of manager ' || $MANAGER_ID || ': '
  || (select count(*) from account where owner_id in ($TEAM_IDS)) || ' accounts; '
  || (select count(*) from credit_rating) || ' ratings' from account a where owner_id = $KAM_ID"

KAM_TOKEN=$(token bench-kam-1 "$PASSWORD")
MANAGER_TOKEN=$(token bench-manager-1 "$PASSWORD")
DIRECTOR_TOKEN=$(token bench-director-1 "$PASSWORD")

report() { # name, req/s, p50, p99
  printf '%-62s %10s/s  p50 %-9s p99 %-9s\n' "$1" "$2" "$3" "$4"
}
http() { # name, token, path
  local status
  status=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $2" "http://127.0.0.1:$PORT$3")
  [ "$status" = 200 ] || { echo "$3 answers $status: $(head -c 300 "$WORK/body")" >&2; exit 1; }
  echo "  $3 -> $(head -c 160 "$WORK/body" | sed 's/"accounts":\[.*//')"
  wrk -t2 -c"$CONNECTIONS" -d5s --timeout 10s -H "Authorization: Bearer $2" "http://127.0.0.1:$PORT$3" > /dev/null
  out=$(wrk --latency --timeout 10s -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" -H "Authorization: Bearer $2" \
    "http://127.0.0.1:$PORT$3")
  errors=$(echo "$out" | grep -E 'Non-2xx|Socket errors' | tr '\n' ' ' || true)
  report "$1" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" "$(echo "$out" | awk '$1=="50%" {print $2}')" \
    "$(echo "$out" | awk '$1=="99%" {print $2}')"
  [ -z "$errors" ] || echo "  $errors"
}
once() { # name, token, path: one request, timed by curl
  report "$1" "-" "$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $2" \
    "http://127.0.0.1:$PORT$3")s" "-"
}
sql() { # name, SQL script (the statements of one request); BARE=0 leaves the yardsticks out (a profiling run)
  [ "${BARE:-1}" = 0 ] || bench_sql "$@"
}
plan() { # SQL: its plan, run once
  "${PSQL[@]}" -c "explain (analyze, buffers, timing off) $1" | sed 's/^/    /'
}

# The statements CreditRatings runs, written out with the values the application binds: the reader's book
# (AccountBookSql over AccountScopeSql), the due list's count and first 500 rows with each row's latest rating, and
# the heat map's counts by the latest run's tier and the latest rating's grade.
book() { # reader id, owner ids: the owners' accounts, then those shared with the reader
  echo "(select bk.id as account_id, bk.name as account_name, bk.owner_id as owner_id,
 bk.key_account_type as key_account_type from account bk where bk.archived = false and bk.owner_id is not null
 and bk.owner_id in ($2) union select bk.id as account_id, bk.name as account_name, bk.owner_id as owner_id,
 bk.key_account_type as key_account_type from account bk where bk.archived = false and bk.owner_id is not null
 and bk.id in (select sm.account_id from account_team_member sm where sm.user_id = $1))"
}
DUE_FROM() { # reader id, owner ids
  echo "from $(book "$1" "$2") b where not exists (select 1 from credit_rating r where r.account_id = b.account_id
 and r.quarter = '$QUARTER')"
}
DUE() { # reader id, owner ids
  echo "select count(*) $(DUE_FROM "$1" "$2");
select b.account_id, b.account_name, b.owner_id, case when b.key_account_type is null then 0 else 1 end as key_account,
 (select r.quarter from credit_rating r where r.account_id = b.account_id order by r.quarter desc, r.id desc limit 1),
 (select r.grade from credit_rating r where r.account_id = b.account_id order by r.quarter desc, r.id desc limit 1)
 $(DUE_FROM "$1" "$2") order by key_account desc, b.owner_id, b.account_name, b.account_id limit 500;"
}
HEAT() { # reader id, owner ids
  HEAT_OF "$(book "$1" "$2")"
}
HEAT_OF() { # book
  echo "select coalesce(t.tier, 'NONE') as tier, cr.grade, count(*) from $1 b
join credit_rating cr on cr.account_id = b.account_id
left join (select ts.account_id, ts.tier from segmentation_snapshot ts where ts.run_id = $RUN_ID) t
  on t.account_id = b.account_id
where not exists (select 1 from credit_rating cn where cn.account_id = cr.account_id
                  and (cn.quarter > cr.quarter or (cn.quarter = cr.quarter and cn.id > cr.id)))
group by coalesce(t.tier, 'NONE'), cr.grade"
}
ALL_BOOK="(select bk.id as account_id, bk.name as account_name, bk.owner_id as owner_id,
 bk.key_account_type as key_account_type from account bk where bk.archived = false and bk.owner_id is not null)"
DUE_FROM_ALL() { # the company's due list: count and first 500 rows
  local from="from $ALL_BOOK b where not exists (select 1 from credit_rating r where r.account_id = b.account_id
 and r.quarter = '$QUARTER')"
  echo "select count(*) $from;
select b.account_id, b.account_name, b.owner_id, case when b.key_account_type is null then 0 else 1 end as key_account
 $from order by key_account desc, b.owner_id, b.account_name, b.account_id limit 500;"
}
RUN="select id from segmentation_run where population is null order by started_at desc, id desc limit 1;"

echo "--- a director (every account), the first request of each list after the start (every book worked out)"
once "GET /api/v1/credit-ratings/due (director, first)" "$DIRECTOR_TOKEN" "/api/v1/credit-ratings/due"
once "GET /api/v1/credit-ratings/heatmap (director, first)" "$DIRECTOR_TOKEN" "/api/v1/credit-ratings/heatmap"
VERSIONS() { # reader id, owner ids: the versions of the reader's books and whether anything else is shared with them
  echo "select owner_id, version from credit_owner where owner_id in ($2) union all select -1, count(*)
 from credit_account ob where ob.account_id in (select sm.account_id from account_team_member sm where sm.user_id = $1)
 and ob.owner_id not in ($2)"
}
echo "--- what every request reads first: the versions of the reader's credit books (decision 0059)"
sql "  versions statement (KAM)" "$(VERSIONS "$KAM_ID" "$KAM_ID");"
plan "$(VERSIONS "$KAM_ID" "$KAM_ID")"
# The application's lists first, then the yardsticks: a bare statement of the company runs for a minute and leaves
# PostgreSQL busy, which showed as p99 of the list measured after it (2026-12-04 runs 2 and 3).
echo "--- the application's lists (wrk: 5 s warm-up, then ${SECONDS_RUN} s)"
http "GET /api/v1/credit-ratings/due (KAM)" "$KAM_TOKEN" "/api/v1/credit-ratings/due"
http "GET /api/v1/credit-ratings/due (manager, team)" "$MANAGER_TOKEN" "/api/v1/credit-ratings/due"
http "GET /api/v1/credit-ratings/due (director, company)" "$DIRECTOR_TOKEN" "/api/v1/credit-ratings/due"
http "GET /api/v1/credit-ratings/heatmap (KAM)" "$KAM_TOKEN" "/api/v1/credit-ratings/heatmap"
http "GET /api/v1/credit-ratings/heatmap (manager, team)" "$MANAGER_TOKEN" "/api/v1/credit-ratings/heatmap"
http "GET /api/v1/credit-ratings/heatmap (director, company)" "$DIRECTOR_TOKEN" "/api/v1/credit-ratings/heatmap"
echo "--- while ratings are recorded: one every 0.2 s through the API (by the director), on the KAM's accounts, then"
echo "    on any account; each moves its owner's book, which the next reader of it works out again"
RATING='{"quarter":"'$QUARTER'","inputs":{"2":4,"3":5,"4":3,"5":0,"6":95,"7":10,"8":99,"9":0,"10":52.5,"11":1.6,'
RATING+='"12":0.9,"13":7,"14":5,"16":4,"17":5,"18":12,"19":9,"20":5},"overrides":{}}'
"${PSQL[@]}" -tAc "select id from account where owner_id = $KAM_ID" > "$WORK/kam-accounts"
"${PSQL[@]}" -tAc "select id from account order by random() limit 10000" > "$WORK/any-accounts"
rate_while() { # accounts file, seconds: ratings in the background, bounded by time and count
  local end=$(( $(date +%s) + $2 )) n=0
  while [ "$(date +%s)" -lt $end ] && [ $n -lt 500 ]; do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $DIRECTOR_TOKEN" \
      -H 'Content-Type: application/json' -d "$RATING" \
      "http://127.0.0.1:$PORT/api/v1/accounts/$(shuf -n1 "$1")/credit-ratings" >> "$WORK/ratings"
    n=$((n + 1))
    sleep 0.2
  done
}
rm -f "$WORK/ratings"
rate_while "$WORK/kam-accounts" $((SECONDS_RUN + 6)) &
RATER=$! # the jar runs in the background too: wait for the ratings only
http "GET /api/v1/credit-ratings/due (KAM, while rated)" "$KAM_TOKEN" "/api/v1/credit-ratings/due"
wait $RATER
rate_while "$WORK/any-accounts" $((SECONDS_RUN + 6)) &
RATER=$!
http "GET /api/v1/credit-ratings/due (director, while rated)" "$DIRECTOR_TOKEN" "/api/v1/credit-ratings/due"
wait $RATER
rate_while "$WORK/any-accounts" $((SECONDS_RUN + 6)) &
RATER=$!
http "GET /api/v1/credit-ratings/heatmap (director, while rated)" "$DIRECTOR_TOKEN" "/api/v1/credit-ratings/heatmap"
wait $RATER
echo "ratings recorded: $(grep -c '^201' "$WORK/ratings") of $(wc -l < "$WORK/ratings"); median time of one:" \
  "$(awk '{print $2}' "$WORK/ratings" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')s;" \
  "answers: $(awk '{print $1}' "$WORK/ratings" | sort | uniq -c | tr '\n' ' ')"
echo "--- the yardsticks: the bare SQL of each list as it reads the accounts and ratings themselves (pgbench)"
sql "  due list (KAM): count + first 500 rows" "$(DUE "$KAM_ID" "$KAM_ID")"
sql "  due list (manager, team): count + first 500 rows" "$(DUE "$MANAGER_ID" "$TEAM_IDS")"
plan "select count(*) $(DUE_FROM "$MANAGER_ID" "$TEAM_IDS")"
sql "  due list (director, company): count + first 500 rows" "$(DUE_FROM_ALL)"
sql "  heat map (KAM): latest run + counts" "$RUN $(HEAT "$KAM_ID" "$KAM_ID");"
sql "  heat map (manager, team): latest run + counts" "$RUN $(HEAT "$MANAGER_ID" "$TEAM_IDS");"
plan "$(HEAT "$MANAGER_ID" "$TEAM_IDS")"
sql "  heat map (director, company): latest run + counts" "$RUN $(HEAT_OF "$ALL_BOOK");"
echo "--- what the application runs when one KAM's book moved (a rating): the book's due part and heat map, once each"
OWNER_BOOK="(select bk.id as account_id, bk.name as account_name, bk.owner_id as owner_id,
 bk.key_account_type as key_account_type from account bk where bk.archived = false and bk.owner_id is not null
 and bk.owner_id in ($KAM_ID))"
plan "select p.account_id, p.account_name, p.owner_id, p.key_account, p.due_count,
 (select r.quarter from credit_rating r where r.account_id = p.account_id order by r.quarter desc, r.id desc limit 1),
 (select r.grade from credit_rating r where r.account_id = p.account_id order by r.quarter desc, r.id desc limit 1)
 from (select d.*, row_number() over (partition by d.owner_id, d.key_account order by d.account_name, d.account_id)
  as due_rank, count(*) over (partition by d.owner_id, d.key_account) as due_count
  from (select b.account_id, b.account_name, b.owner_id,
   case when b.key_account_type is null then 0 else 1 end as key_account from $OWNER_BOOK b
   where 1 = 1 and not exists (select 1 from credit_rating r where r.account_id = b.account_id
   and r.quarter = '$QUARTER')) d) p
 where p.due_rank <= 500 order by p.owner_id, p.key_account, p.due_rank"
plan "select x.owner_id, x.tier, x.grade, count(*) from (select b.owner_id,
 (select cr.grade from credit_rating cr where cr.account_id = b.account_id order by cr.quarter desc, cr.id desc limit 1)
  as grade,
 coalesce((select t.tier from (select ts.account_id, ts.tier from segmentation_snapshot ts where ts.run_id = $RUN_ID) t
  where t.account_id = b.account_id), 'NONE') as tier
 from $OWNER_BOOK b where 1 = 1) x where x.grade is not null group by x.owner_id, x.tier, x.grade"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
