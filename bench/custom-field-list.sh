#!/usr/bin/env bash
# The account list filtered by a custom field at a million accounts (issue #17; the list budget of PERFORMANCE.md P3:
# p99 <= 50 ms at 50 connections). Starts the jar on a fresh PostgreSQL 15 (bench/lib.sh), makes a KAM and a director
# through the API with a personal access token each, defines three account custom fields through the API (a single
# choice of ten options, a text code, a multiple choice of five options), then seeds inside PostgreSQL with a fixed
# seed: KAMS key account managers owning ACCOUNTS accounts round-robin, their values filled as the application stores
# them (decision 0048). Per filter — a rare option (~1 % of the accounts), a common one (~30 %), a text code matched
# exactly (~0.05 %) — with the default sort (name) and the capped total, as the director (sees all) and as the KAM
# (own accounts): the account list page and the API list with wrk on loopback (warm-up, then a bounded run), and, as
# the yardstick, the bare SQL of the same list (the total and the page, as AccountQueries.search runs them)
# with pgbench at the same concurrency in the same run, and its plan (and the plans of the same list read through
# the accounts' GIN index, as before decision 0062). Prints req/s, p50, p99 and the load average beside each line.
#   bench/custom-field-list.sh [accounts] [connections] [seconds]
#   bench/custom-field-list.sh                   # 1M accounts, 50 connections, 15 s per line
#   bench/custom-field-list.sh 100000 50 5       # the quick run
#   PLANS_ONLY=1 bench/custom-field-list.sh      # seed, print the plans, no load
#   WARMUP=15 bench/custom-field-list.sh         # seconds of warm-up before each line (default 5)
#   WARMUP_ALL=180 bench/custom-field-list.sh    # seconds of load on all the lists before the first line (default 180)
# Seeding 1M accounts takes a few minutes; each measurement is bounded (5 s warm-up), about 10 minutes in all.
set -euo pipefail
cd "$(dirname "$0")/.."
ACCOUNTS=${1:-1000000}
CONNECTIONS=${2:-50}
SECONDS_RUN=${3:-15}
KAMS=${KAMS:-300}
PORT=${PORT:-18087}
PGPORT=${PGPORT:-55487}
. bench/lib.sh
bench_start
echo "accounts: $ACCOUNTS; KAMs: $KAMS; connections: $CONNECTIONS; cores: $(nproc);" \
  "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

user bench-kam-1 KAM
user bench-director DIRECTOR

field() { # JSON of one custom field definition
  curl -sS --fail-with-body -u "$ADMIN" -H 'Content-Type: application/json' \
    "http://127.0.0.1:$PORT/api/v1/custom-fields" -d "$1" >/dev/null
}
options() { # option keys: their JSON list with labels
  local first=1
  printf '['
  for o in "$@"; do
    [ $first = 1 ] || printf ','
    first=0
    printf '{"key":"%s","labels":{"zh":"%s","en":"%s"}}' "$o" "$o" "$o"
  done
  printf ']'
}
field "{\"recordType\":\"ACCOUNT\",\"key\":\"customerClass\",\"type\":\"SINGLE_CHOICE\",
  \"labels\":{\"zh\":\"客户类别\",\"en\":\"Customer class\"},\"options\":$(options c01 c02 c03 c04 c05 c06 c07 c08 c09 c10)}"
field '{"recordType":"ACCOUNT","key":"industryCode","type":"TEXT","labels":{"zh":"行业代码","en":"Industry code"}}'
field "{\"recordType\":\"ACCOUNT\",\"key\":\"channels\",\"type\":\"MULTI_CHOICE\",
  \"labels\":{\"zh\":\"渠道\",\"en\":\"Channels\"},\"options\":$(options direct distributor online tender oem)}"

seed_start=$(date +%s.%N)
"${PSQL[@]}" <<SQL
select setseed(0.17);
-- The other KAMs share the API-made KAM's password hash: only that one signs in.
insert into app_user (username, display_name, password_hash, role, active, created_at, version)
select 'bench-kam-' || k, 'Key Account Manager ' || k, u.password_hash, 'KAM', true, now(), 0
from generate_series(2, $KAMS) k, app_user u where u.username = 'bench-kam-1';
-- Accounts owned round-robin by the KAMs, five industries and four regions as bench/account-list.sh. Custom values
-- as the application stores them: the class filled for 70 %, skewed (c01 30 % of all accounts, c02 12 %, c03 9 %,
-- c04 6 %, c05 4 %, c06 3 %, c07 2 %, c08 and c09 1.5 %, c10 1 %); an industry code for 70 % (one of 1,380 codes,
-- as many as the national classification's classes); channels for 60 %, each option independently, in the options'
-- order; an empty value absent, no value at all a null column.
insert into account (name, name_key, registration_id, industry, region, owner_id, status, archived, created_at,
                     updated_at, version, custom_fields)
select 'Customer ' || x, 'customer ' || x, '91310000' || lpad(x::text, 10, '0'),
       (array['Machinery', 'Medical', 'Retail', 'Software', 'Energy'])[1 + x % 5],
       (array['East China', 'North China', 'South China', 'West China'])[1 + x % 4],
       k.ids[1 + x % k.n], 'ACTIVE', false, now(), now(), 1,
       nullif(jsonb_strip_nulls(jsonb_build_object(
         'customerClass', case when r1 < 0.30 then 'c01' when r1 < 0.42 then 'c02' when r1 < 0.51 then 'c03'
                               when r1 < 0.57 then 'c04' when r1 < 0.61 then 'c05' when r1 < 0.64 then 'c06'
                               when r1 < 0.66 then 'c07' when r1 < 0.675 then 'c08' when r1 < 0.69 then 'c09'
                               when r1 < 0.70 then 'c10' end,
         'industryCode', case when r2 < 0.70 then 'C' || lpad(floor(random() * 1380)::int::text, 4, '0') end,
         'channels', case when r3 < 0.60 then to_jsonb(nullif(array_remove(array[
                            case when random() < 0.5 then 'direct' end, case when random() < 0.4 then 'distributor' end,
                            case when random() < 0.3 then 'online' end, case when random() < 0.1 then 'tender' end,
                            case when random() < 0.05 then 'oem' end], null), '{}')) end)), '{}'::jsonb)
from (select x, random() as r1, random() as r2, random() as r3 from generate_series(1, $ACCOUNTS) x) g,
     (select array_agg(id order by id) ids, count(*)::int n from app_user where role = 'KAM') k;
delete from account_tally;
insert into account_tally (owner_id, archived, accounts)
select owner_id, archived, count(*) from account group by owner_id, archived;
vacuum analyze;
SQL
echo "seeded in $(echo "$(date +%s.%N) - $seed_start" | bc)s"
# The seed wrote each account's values into the owners' counts as changes (decision 0062); the application folds them
# within a minute, as it would after an import.
until [ "$("${PSQL[@]}" -tAc "select count(*) = count(distinct (field_key, value, owner_id, archived))
    from account_custom_tally")" = t ]; do sleep 5; done
"${PSQL[@]}" -c "vacuum analyze account_custom_tally"
echo "owners' counts folded $(echo "$(date +%s.%N) - $seed_start" | bc)s after the seed began:" \
  "$("${PSQL[@]}" -tAc "select count(*) from account_custom_tally") rows"
KAM_ID=$("${PSQL[@]}" -tAc "select id from app_user where username = 'bench-kam-1'")
RARE='{"customerClass": "c10"}'
COMMON='{"customerClass": "c01"}'
CODE='{"industryCode": "C0042"}'
for f in "$RARE" "$COMMON" "$CODE"; do
  "${PSQL[@]}" -tAc "select '$f: ' || count(*) || ' accounts, '
    || count(*) filter (where owner_id = $KAM_ID) || ' of bench-kam-1 (id $KAM_ID, '
    || (select count(*) from account where owner_id = $KAM_ID) || ' accounts)'
    from account where custom_fields @> '$f'"
done

KAM_TOKEN=$(token bench-kam-1 "$PASSWORD")
DIRECTOR_TOKEN=$(token bench-director "$PASSWORD")

report() { # name, req/s, p50, p99
  printf '%-64s %9s/s  p50 %-9s p99 %-9s load %s\n' "$1" "$2" "$3" "$4" "$(cut -d' ' -f1 /proc/loadavg)"
}
load() { # name, path, curl and wrk header arguments...
  local name=$1 path=$2
  shift 2
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-5}s" --timeout 10s "$@" "http://127.0.0.1:$PORT$path" > /dev/null
  out=$(wrk --latency --timeout 10s -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" "$@" "http://127.0.0.1:$PORT$path")
  errors=$(echo "$out" | grep -E 'Non-2xx|Socket errors' | tr '\n' ' ' || true)
  report "$name" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" "$(echo "$out" | awk '$1=="50%" {print $2}')" \
    "$(echo "$out" | awk '$1=="99%" {print $2}')"
  [ -z "$errors" ] || echo "  $errors"
}
api() { # name, token, path
  local status
  for _ in 1 2 3 4 5; do
    status=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $2" "http://127.0.0.1:$PORT$3")
    [ "$status" = 200 ] && break
    sleep 2
  done
  [ "$status" = 200 ] || { echo "$3 answers $status: $(head -c 300 "$WORK/body")" >&2; exit 1; }
  echo "  $3 -> total $(sed -n 's/.*"totalElements":\([0-9]*\).*/\1/p' "$WORK/body"), exact $(sed -n 's/.*"totalExact":\([a-z]*\).*/\1/p' "$WORK/body")"
  [ -n "${PLANS_ONLY:-}" ] || load "$1" "$3" -H "Authorization: Bearer $2"
}
page() { # name, username, path: signed in through the login form; a browser keeps its session, so does wrk
  local cookie status
  cookie="Cookie: SESSION=$(sign_in "$2")"
  # The previous line's load may still drain: a few tries before giving up.
  for _ in 1 2 3 4 5; do
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "$cookie" "http://127.0.0.1:$PORT$3")
    [ "$status" = 200 ] && break
    sleep 2
  done
  [ "$status" = 200 ] || { echo "$3 answers $status" >&2; exit 1; }
  [ -n "${PLANS_ONLY:-}" ] || load "$1" "$3" -H "$cookie"
}
sql() { # name, SQL script (the statements of one request)
  [ -z "${PLANS_ONLY:-}" ] || return 0
  bench_sql "$@"
}
plan() { # SQL: its plan, run once
  "${PSQL[@]}" -c "explain (analyze, buffers) $1" | grep -v '^ *$' | sed 's/^/    /'
}

# The statements AccountQueries.search runs for a list filtered by one custom field alone, written out with the values
# the application binds (decision 0062): the total summed from the owners' counts of the value, then the page of 20 by
# name read from the index of values, joined to the twenty accounts.
key() { echo "$1" | sed 's/{"\([A-Za-z]*\)": .*/\1/'; }
value() { echo "$1" | sed 's/.*: "\([^"]*\)"}/\1/'; }
VALUES() { # scope condition on v, filter JSON
  echo "from account_custom_value v where v.field_key = '$(key "$2")' and v.value = (cast('\"$(value "$2")\"' as jsonb) #>> '{}')
and v.archived = false and v.owner_id is not null and $1"
}
COUNT() { # the exact total: the reader's owners' counts of the value (a reader sharing accounts counts the matches)
  echo "select coalesce(sum(v.accounts), 0) from account_custom_tally v where v.field_key = '$(key "$2")'
and v.value = (cast('\"$(value "$2")\"' as jsonb) #>> '{}') and v.archived = false and $1"
}
ROWS() {
  echo "select a.id, a.name, a.registration_id, a.industry, a.region, a.owner_id, a.key_account_type, a.status,
a.archived, a.updated_at, a.custom_fields from account a join (select v.account_id, v.name_key $(VALUES "$1" "$2")
order by v.name_key asc, v.account_id asc limit 20 offset 0) p on p.account_id = a.id order by p.name_key asc,
p.account_id asc"
}
# Before decision 0062, the same list read the accounts through the GIN index of decision 0048: its plans, for
# comparison.
WHERE_BEFORE() { # scope condition on a, containment
  echo "where a.merged_into is null and a.owner_id is not null and $1 and a.archived = false
and a.custom_fields @> '$2'"
}
COUNT_BEFORE() { echo "select count(*) from (select 1 from account a $(WHERE_BEFORE "$1" "$2") limit 10001) matches"; }
ROWS_BEFORE() {
  echo "select a.id, a.name, a.registration_id, a.industry, a.region, a.owner_id, a.key_account_type, a.status,
a.archived, a.updated_at from account a $(WHERE_BEFORE "$1" "$2") order by a.name_key asc, a.id asc limit 20 offset 0"
}
ALL="1 = 1"
EVERYONE="v.owner_id = 0" # the owners' counts keep everyone's under owner 0
# The KAM shares no account: the scope as AccountQueries.listScope writes it then (decision 0050).
MINE="v.owner_id in ($KAM_ID)"
MINE_BEFORE="a.owner_id in ($KAM_ID)"
query() { # filter JSON: the API's query string for it
  echo "$1" | sed 's/{"\([A-Za-z]*\)": "\([^"]*\)"}/customFields.\1=\2/'
}

# The JIT compiles for minutes on two cores: before the first measured line, every list the run measures (the API
# lists and the pages, as director and as KAM) is loaded in turn for WARMUP_ALL seconds in all, so no line measures
# the compiler at work on another line's code (as bench/contact-plan.sh).
if [ -z "${PLANS_ONLY:-}" ]; then
  warm=() # pairs: path, header
  for filter in "$RARE" "$COMMON" "$CODE" ""; do
    q=${filter:+?$(query "$filter")}
    warm+=("/api/v1/accounts$q" "Authorization: Bearer $DIRECTOR_TOKEN" "/api/v1/accounts$q" "Authorization: Bearer $KAM_TOKEN")
    [ -z "$filter" ] || warm+=("/accounts$q" "Cookie: SESSION=$(sign_in bench-director)" \
      "/accounts$q" "Cookie: SESSION=$(sign_in bench-kam-1)")
  done
  bench_warm "${WARMUP_ALL:-180}" "${warm[@]}"
fi

for filter in "$RARE" "$COMMON" "$CODE"; do
  q=$(query "$filter")
  echo "--- $q"
  api "API list, director" "$DIRECTOR_TOKEN" "/api/v1/accounts?$q"
  page "account list page, director" bench-director "/accounts?$q"
  sql "  bare SQL: total + page of 20 (director)" "$(COUNT "$EVERYONE" "$filter"); $(ROWS "$ALL" "$filter");"
  api "API list, KAM" "$KAM_TOKEN" "/api/v1/accounts?$q"
  page "account list page, KAM" bench-kam-1 "/accounts?$q"
  sql "  bare SQL: total + page of 20 (KAM)" "$(COUNT "$MINE" "$filter"); $(ROWS "$MINE" "$filter");"
  plan "$(COUNT "$EVERYONE" "$filter")"
  plan "$(ROWS "$ALL" "$filter")"
  plan "$(COUNT "$MINE" "$filter")"
  plan "$(ROWS "$MINE" "$filter")"
  echo "  before (0062), the same through the accounts' GIN index, director then KAM:"
  plan "$(COUNT_BEFORE "$ALL" "$filter")"
  plan "$(ROWS_BEFORE "$ALL" "$filter")"
  plan "$(COUNT_BEFORE "$MINE_BEFORE" "$filter")"
  plan "$(ROWS_BEFORE "$MINE_BEFORE" "$filter")"
done
echo "--- unfiltered, for comparison"
api "API list, director, no filter" "$DIRECTOR_TOKEN" "/api/v1/accounts"
api "API list, KAM, no filter" "$KAM_TOKEN" "/api/v1/accounts"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
