#!/usr/bin/env bash
# Each sort and each filter of the account list at a million accounts (issue #18 part 1; PERFORMANCE.md P3: p99 <= 50
# ms at 50 connections). Starts the jar on a fresh PostgreSQL 15 (bench/lib.sh), makes a director, a manager and a KAM
# through the API with a personal access token each, seeds the accounts of bench/account-page.sh (seed_book) and
# besides marks one account in a hundred with a key-account type and one in thirty archived. Then, for the director
# (sees every account), the manager (a team of ten) and the KAM (own book), the API list with wrk on loopback (5 s warm-up, then a bounded run) on:
# every sort the list offers (name, last update, creation, region, industry), each filter alone (industry, region,
# status, key-account type, archived, an owner) and a filter with a sort; beside each, as the yardstick, the bare SQL
# of its page of 20 (the rows only, as the list reads them; the team's member by member, TEAM_ROWS) with pgbench at
# the same concurrency in the same run.
# Prints req/s, p50, p99, and the JVM's CPU per request.
#   bench/account-orders.sh [accounts] [connections] [seconds]
#   bench/account-orders.sh                    # 1M accounts, 50 connections, 10 s per line
#   bench/account-orders.sh 100000 50 5        # the quick run
#   LINES="created region" bench/account-orders.sh   # some lines only (names below)
#   PLANS=1 bench/account-orders.sh            # also the plan of each line's bare SQL, run once
#   WARMUP_ALL=120 (seconds of load on all the lines before the first measured one); HOLD=seconds keeps the jar and
#   the database after the run, for measuring by hand
set -euo pipefail
cd "$(dirname "$0")/.."
ACCOUNTS=${1:-1000000}
CONNECTIONS=${2:-50}
SECONDS_RUN=${3:-10}
KAMS=${KAMS:-300}
PORT=${PORT:-18119}
PGPORT=${PGPORT:-55419}
. bench/lib.sh
bench_start
echo "accounts: $ACCOUNTS; KAMs: $KAMS; connections: $CONNECTIONS; cores: $(nproc);" \
  "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
user bench-director DIRECTOR
user bench-manager-1 MANAGER
user bench-kam-1 KAM
SEED_EXTRA="update account set key_account_type = (array['ECONOMIC', 'IMPORTANT', 'GROUP', 'STRATEGIC'])[1 + id % 4]
  where id % 100 = 3;
update account set archived = true where id % 30 = 11;" seed_book
KAM_ID=$("${PSQL[@]}" -tAc "select id from app_user where username = 'bench-kam-1'")
OWNER=bench-kam-7
OWNER_ID=$("${PSQL[@]}" -tAc "select id from app_user where username = '$OWNER'")
TEAM_IDS=$("${PSQL[@]}" -tAc "select string_agg(u.id::text, ',') from app_user u
  where u.username = 'bench-manager-1' or u.team_id = (select t.id from team t join app_user m on m.id = t.manager_id
  where m.username = 'bench-manager-1')")
KAM_TOKEN=$(token bench-kam-1 "$PASSWORD")
MANAGER_TOKEN=$(token bench-manager-1 "$PASSWORD")
DIRECTOR_TOKEN=$(token bench-director "$PASSWORD")

HZ=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' /proc/$PID/stat; }
report() { # name, req/s, p50, p99[, JVM CPU ms per request]
  printf '%-46s %9s/s  p50 %-9s p99 %-9s %s load %s\n' "$1" "$2" "$3" "$4" "${5:+CPU $5 ms/req}" \
    "$(cut -d' ' -f1 /proc/loadavg)"
}
api() { # name, token, path: the answer's total once, then wrk
  local status out before after requests errors
  for _ in 1 2 3 4 5; do
    status=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $2" "http://127.0.0.1:$PORT$3")
    [ "$status" = 200 ] && break
    sleep 2
  done
  [ "$status" = 200 ] || { echo "$3 answers $status: $(head -c 300 "$WORK/body")" >&2; exit 1; }
  wrk -t2 -c"$CONNECTIONS" -d5s --timeout 10s -H "Authorization: Bearer $2" "http://127.0.0.1:$PORT$3" > /dev/null
  before=$(ticks)
  out=$(wrk --latency --timeout 10s -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" -H "Authorization: Bearer $2" \
    "http://127.0.0.1:$PORT$3")
  after=$(ticks)
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  errors=$(echo "$out" | grep -E 'Non-2xx|Socket errors' | tr '\n' ' ' || true)
  report "$1" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" "$(echo "$out" | awk '$1=="50%" {print $2}')" \
    "$(echo "$out" | awk '$1=="99%" {print $2}')" "$(echo "scale=2; ($after - $before) * 1000 / $HZ / $requests" | bc)"
  echo "    total $(sed -n 's/.*"totalElements":\([0-9]*\).*/\1/p' "$WORK/body"), exact $(sed -n \
    's/.*"totalExact":\([a-z]*\).*/\1/p' "$WORK/body")${errors:+; $errors}"
}
plan() { # SQL: its plan, run once
  "${PSQL[@]}" -c "explain (analyze, buffers) $1" | grep -v '^ *$' | sed 's/^/    /'
}
# The page of 20 as the list reads it (AccountQueries.search): live accounts of an owner, the reader's scope, the
# conditions, the order with the id to break ties. The total is the owners' tallies' (a few rows), left out.
ROWS() { # scope condition, conditions, order
  echo "select a.id, a.name, a.registration_id, a.industry, a.region, a.owner_id, a.key_account_type, a.status,
a.archived, a.updated_at, a.custom_fields from account a where a.merged_into is null and a.owner_id is not null
and $1 $2 order by $3 limit 20 offset 0"
}
# A team's page as the list reads it (decision 0076, TeamPage): the members holding matches, from the owners' tallies
# of the filtered columns; a member holding more than the page's twenty walked along their range in the list's order,
# the filters applied outside the walk; the others' few matches read whole; the page taken from the rows read.
TEAM_ROWS() { # conditions (each "and a.…", the archived state first), order
  local columns="a.id, a.name, a.registration_id, a.industry, a.region, a.owner_id, a.key_account_type, a.status,
a.archived, a.updated_at, a.custom_fields" key=${2%%,*} direction=asc walked whole parts=()
  [[ "$key" == *" desc" ]] && direction=desc
  key=${key% desc}
  IFS='|' read -r walked whole < <("${PSQL[@]}" -tAc "select coalesce(string_agg(case when s > 20 then owner_id::text
    end, ','), ''), coalesce(string_agg(case when s <= 20 then owner_id::text end, ','), '') from (select owner_id,
    sum(accounts) s from account_filter_tally a where a.owner_id in ($TEAM_IDS) $1 group by 1 having sum(accounts) > 0) x")
  [ -n "$walked" ] && parts+=("select x.* from unnest('{$walked}'::bigint[]) o (id) cross join lateral (select * from
(select $columns, $key as sort_key from account a where a.merged_into is null and a.owner_id = o.id
and $(echo "$1" | grep -o 'a.archived = [a-z]*') order by $2 offset 0) w where true ${1//a./w.} limit 20) x")
  [ -n "$whole" ] && parts+=("select $columns, $key as sort_key from account a where a.merged_into is null
and a.owner_id in ($whole) $1")
  # No member holds a match: the list answers from the tally alone, no page to read.
  [ ${#parts[@]} -gt 0 ] || { echo "select 1 where false"; return; }
  local IFS='#'
  local joined="${parts[*]}"
  echo "select * from ((${joined//#/) union all (})) p order by p.sort_key $direction, p.id $direction limit 20 offset 0"
}
EVERYONE="true"
MINE="a.owner_id in ($KAM_ID)"
TEAM="a.owner_id in ($TEAM_IDS)"
LIVE="and a.archived = false"

# name: query string | SQL conditions | SQL order
declare -A QUERY CONDITION ORDER
line() { QUERY[$1]=$2; CONDITION[$1]=$3; ORDER[$1]=$4; }
line name "sort=name" "$LIVE" "a.name_key, a.id"
line updated "sort=-updated" "$LIVE" "a.updated_at desc, a.id desc"
line created "sort=-created" "$LIVE" "a.created_at desc, a.id desc"
line region "sort=region" "$LIVE" "a.region, a.id"
line industry "sort=industry" "$LIVE" "a.industry, a.id"
line f-industry "industry=Medical" "$LIVE and a.industry = 'Medical'" "a.name_key, a.id"
line f-region "region=East%20China" "$LIVE and a.region = 'East China'" "a.name_key, a.id"
line f-status "status=PROSPECT" "$LIVE and a.status = 'PROSPECT'" "a.name_key, a.id"
line f-type "type=STRATEGIC" "$LIVE and a.key_account_type = 'STRATEGIC'" "a.name_key, a.id"
line f-archived "archived=true" "and a.archived = true" "a.name_key, a.id"
line f-owner "owner=$OWNER" "$LIVE and a.owner_id = $OWNER_ID" "a.name_key, a.id"
line f-industry-created "industry=Medical&sort=-created" "$LIVE and a.industry = 'Medical'" "a.created_at desc, a.id desc"
LINES=${LINES:-name updated created region industry f-industry f-region f-status f-type f-archived f-owner f-industry-created}

if [ -z "${PLANS_ONLY:-}" ]; then
  warm=()
  for l in $LINES; do
    warm+=("/api/v1/accounts?${QUERY[$l]}" "Authorization: Bearer $DIRECTOR_TOKEN")
    [ "$l" = f-owner ] || warm+=("/api/v1/accounts?${QUERY[$l]}" "Authorization: Bearer $MANAGER_TOKEN" \
      "/api/v1/accounts?${QUERY[$l]}" "Authorization: Bearer $KAM_TOKEN")
  done
  bench_warm "${WARMUP_ALL:-120}" "${warm[@]}"
fi
for l in $LINES; do
  echo "--- ${QUERY[$l]}"
  if [ -z "${PLANS_ONLY:-}" ]; then
    api "API list, director" "$DIRECTOR_TOKEN" "/api/v1/accounts?${QUERY[$l]}"
    BENCH_PROTOCOL=prepared bench_sql "  bare SQL: page of 20 (director)" \
      "$(ROWS "$EVERYONE" "${CONDITION[$l]}" "${ORDER[$l]}");"
    if [ "$l" != f-owner ]; then
      api "API list, manager" "$MANAGER_TOKEN" "/api/v1/accounts?${QUERY[$l]}"
      BENCH_PROTOCOL=prepared bench_sql "  bare SQL: page of 20 (manager, member by member)" \
        "$(TEAM_ROWS "${CONDITION[$l]}" "${ORDER[$l]}");"
      api "API list, KAM" "$KAM_TOKEN" "/api/v1/accounts?${QUERY[$l]}"
      BENCH_PROTOCOL=prepared bench_sql "  bare SQL: page of 20 (KAM)" \
        "$(ROWS "$MINE" "${CONDITION[$l]}" "${ORDER[$l]}");"
    fi
  fi
  if [ -n "${PLANS:-}${PLANS_ONLY:-}" ]; then
    plan "$(ROWS "$EVERYONE" "${CONDITION[$l]}" "${ORDER[$l]}")"
    plan "$(TEAM_ROWS "${CONDITION[$l]}" "${ORDER[$l]}")"
    plan "$(ROWS "$MINE" "${CONDITION[$l]}" "${ORDER[$l]}")"
  fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${HOLD:-}" ]; then
  echo "holding: app on $PORT, PostgreSQL on $PGPORT; kill $$ to end"; sleep "$HOLD"
fi
