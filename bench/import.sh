#!/usr/bin/env bash
# The accounts import at 100,000 existing accounts (issue #18 part 4, PERFORMANCE.md P5: the 10,000-account .xlsx
# in <= 8 s, 100x the peer's 798 s). Starts the jar on a fresh PostgreSQL 15 (Debian's packages, started for the
# run), seeds EXISTING accounts inside PostgreSQL with a fixed seed (names of the same shape as the file's, so their
# words and digits are shared: the case where the trigram index used to win the duplicate lookup), analyses, then
# ROUNDS times: imports the 10,000-account .xlsx of BENCHMARKS.md's P5 rows (AccountSheet, Random(7)) through the
# API and, as the yardstick, COPYs the same rows into the account table in a transaction that is rolled back. Each
# import's accounts are archived and renamed afterwards, so every round meets the same duplicates. Prints wall time,
# the JVM's and PostgreSQL's CPU seconds (they do not depend on the other sessions' load), the plan of the name
# lookup, and the ratio to the peer.
#   bench/import.sh [existing] [rows] [rounds]
#   bench/import.sh                      # 100,000 existing accounts, 10,000 rows, 3 rounds
set -euo pipefail
cd "$(dirname "$0")/.."
EXISTING=${1:-100000}
ROWS=${2:-10000}
ROUNDS=${3:-3}
PORT=${PORT:-18165}
PGPORT=${PGPORT:-55465}
. bench/lib.sh
bench_start
echo "existing accounts: $EXISTING; rows: $ROWS; rounds: $ROUNDS; cores: $(nproc);" \
  "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# The sheet and its rows as CSV, from the jar's own libraries and account-name rules.
mkdir "$WORK/jar" && (cd "$WORK/jar" && unzip -q "$JAR" 'BOOT-INF/*')
java -cp "$WORK/jar/BOOT-INF/classes:$WORK/jar/BOOT-INF/lib/*" src/test/java/io/dakehu/dataimport/AccountSheet.java \
  "$WORK/accounts.xlsx" "$ROWS" "$WORK/accounts.csv"
chmod 644 "$WORK/accounts.csv"

seed_start=$(date +%s.%N)
"${PSQL[@]}" <<SQL
select setseed(0.18);
insert into account (name, name_key, match_key, registration_id, industry, region, employees, annual_revenue,
                     owner_id, status, archived, created_at, updated_at, version)
select '客户 ' || (100000 + x) || ' 有限公司', '客户 ' || (100000 + x) || ' 有限公司', '客户' || (100000 + x),
       '9131' || lpad(cast(x as varchar), 14, '0'),
       (array['制造', '零售', '金融', '医疗', '软件', '物流'])[1 + floor(random() * 6)::int],
       (array['华东', '华南', '华北', '西南', '东北'])[1 + floor(random() * 5)::int],
       10 + floor(random() * 5000)::int, round(exp(15 + 1.5 * random())), u.id, 'ACTIVE', false,
       localtimestamp - interval '30 days', localtimestamp - interval '30 days', 1
from generate_series(1, $EXISTING) x, (select id from app_user where username = 'admin') u;
delete from account_tally;
insert into account_tally (owner_id, archived, accounts) select owner_id, archived, count(*) from account group by owner_id, archived;
vacuum analyze account;
SQL
echo "seeded in $(echo "$(date +%s.%N) - $seed_start" | bc)s"

JPID=$PID
# The poll for the job's end signs in with a personal access token: a password check per poll would cost the
# JVM the CPU the import needs.
TOKEN=$(curl -sS --fail-with-body -u "$ADMIN" -H 'Content-Type: application/json' \
  "http://127.0.0.1:$PORT/api/v1/me/tokens" -d '{"name":"bench","days":1}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
cpu() { # utime + stime of a process and its threads, in seconds
  awk '{printf "%.2f", ($14 + $15) / 100}' /proc/$1/stat
}
pg_cpu() { # the server and its live processes (the application's pooled backends among them)
  local master total p
  master=$(head -1 "$WORK/pg/postmaster.pid")
  total=$(cpu "$master")
  for p in $(pgrep -P "$master"); do
    [ -r /proc/$p/stat ] && total=$(echo "$total + $(cpu $p)" | bc)
  done
  echo "$total"
}

import_once() {
  local started job status id cpu0 pg0 seconds
  cpu0=$(cpu $JPID); pg0=$(pg_cpu)
  started=$(date +%s.%N)
  job=$(curl -sS --fail-with-body -u "$ADMIN" -F "file=@$WORK/accounts.xlsx" -F type=accounts \
    "http://127.0.0.1:$PORT/api/v1/imports")
  id=$(echo "$job" | grep -o '"id":[0-9]*' | grep -o '[0-9]*')
  while :; do
    status=$(curl -sS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/imports/$id" | grep -o '"status":"[A-Z_]*"' | head -1)
    case "$status" in
      *COMMITTED*) break ;;
      *FAILED*|*VALIDATED*|*DISCARDED*) echo "import $id: $status" >&2; curl -sS -u "$ADMIN" \
        "http://127.0.0.1:$PORT/api/v1/imports/$id" | head -c 2000 >&2; exit 1 ;;
    esac
    sleep 0.2
  done
  seconds=$(echo "$(date +%s.%N) - $started" | bc)
  printf 'import  %6.2f s  %6.0f rows/s  JVM CPU %5.2f s  PostgreSQL CPU %5.2f s  (%.0fx the peer'"'"'s 798 s)\n' \
    "$seconds" "$(echo "$ROWS / $seconds" | bc -l)" "$(echo "$(cpu $JPID) - $cpu0" | bc)" \
    "$(echo "$(pg_cpu) - $pg0" | bc)" "$(echo "798 / $seconds" | bc -l)"
  # The next round meets the same stored duplicates only: this round's accounts leave the way.
  "${PSQL[@]}" -c "update account set archived = true, name = name || ' #' || id, name_key = name_key || ' #' || id,
    match_key = match_key || '#' || id where created_at > localtimestamp - interval '1 day'" >/dev/null
}

copy_once() {
  local ms
  ms=$("${PSQL[@]}" <<SQL | grep -o 'Time: [0-9.]*' | tail -1 | grep -o '[0-9.]*'
begin;
\\timing on
copy account (name, name_key, match_key, industry, region, employees, annual_revenue, owner_id, status, archived,
              created_at, updated_at, version) from '$WORK/copy.csv' csv;
\\timing off
rollback;
SQL
)
  printf 'COPY    %6.2f s  %6.0f rows/s  (one backend: its CPU is about its time)\n' "$(echo "$ms / 1000" | bc -l)" \
    "$(echo "$ROWS * 1000 / $ms" | bc -l)"
}

# The yardstick's rows: the file's, with what the import adds (owner, status, times, version).
ADMIN_ID=$("${PSQL[@]}" -Atc "select id from app_user where username = 'admin'")
awk -F, -v OFS=, -v owner="$ADMIN_ID" '{print $0, owner, "PROSPECT", "f", "2026-01-01", "2026-01-01", 0}' \
  "$WORK/accounts.csv" > "$WORK/copy.csv"
chmod 644 "$WORK/copy.csv"

for round in $(seq 1 "$ROUNDS"); do
  echo "round $round (load $(cut -d' ' -f1-3 /proc/loadavg)):"
  import_once
  copy_once
done

# The plan of one chunk's name lookup as the importer sends it.
KEYS=$(awk -F, 'NR <= 5000 {printf "%s\"%s\"", (NR > 1 ? "," : ""), $2}' "$WORK/accounts.csv")
echo "plan of the name lookup (5,000 names):"
cat > "$WORK/plan.sql" <<SQL
explain (analyze, buffers, costs off) select a.id, a.name, a.owner_id
from unnest(cast('{$KEYS}' as varchar array)) wanted(k) cross join lateral (select a.id, a.name, a.owner_id
  from account a where a.name_key = wanted.k collate "C" and a.archived = false and 1 = 1 offset 0) a;
SQL
"${PSQL[@]}" -f "$WORK/plan.sql"
INLIST=$(awk -F, 'NR <= 5000 {printf "%s'"'"'%s'"'"'", (NR > 1 ? "," : ""), $2}' "$WORK/accounts.csv")
cat > "$WORK/plan-before.sql" <<SQL
explain (analyze, buffers, costs off) select a.id, a.name, a.owner_id from account a
where a.name_key in ($INLIST) and a.archived = false and 1 = 1;
SQL
echo "the same lookup as it was before (name_key in (...)), for comparison:"
"${PSQL[@]}" -f "$WORK/plan-before.sql" | grep -v "Filter:\|Index Cond:\|Recheck Cond:"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
