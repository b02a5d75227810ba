#!/usr/bin/env bash
# The account list page at a million accounts (issue #18 part 1; PERFORMANCE.md P3: the account page's p99 <= 100 ms
# at 50 connections). Starts PostgreSQL 15 in a temporary directory (bench/lib.sh's settings), starts the jar once to
# create the schema, makes a director, a manager and a KAM through the API, then seeds inside PostgreSQL with a fixed
# seed: KAMS key account managers in teams of ten (each team led by a manager; bench-manager-1 leads bench-kam-1's),
# ACCOUNTS accounts owned round-robin, twenty industries and eight regions, and a few accounts of other owners shared
# with bench-kam-1. Then, for each jar in JARS (the same jar twice, or a before and an after alternating): starts it,
# signs each reader in through the login form (the session cookie, as a browser keeps it), loads every page it
# measures in turn for WARMUP seconds in all so the JIT has compiled what it will, and runs wrk on 127.0.0.1 (5 s
# warm-up, then SECONDS_RUN measured) on the first page of /accounts, a name search, a filter, an account's own page
# (the KAM's, with a hundred saves of history) and that history's first page, as the director (sees everything) and as the KAM (own book). Prints req/s, p50, p99, the JVM's CPU per request (utime + stime from /proc/<pid>/stat over the requests
# served: the one figure the machine's other load does not inflate) and the load average beside each line.
#   bench/account-page.sh [accounts] [connections] [seconds]
#   bench/account-page.sh                                  # 1M accounts, 50 connections, 15 s per line
#   JARS="before.jar after.jar before.jar after.jar" bench/account-page.sh   # alternating, on the same data
#   bench/account-page.sh 100000 50 5                      # the quick run
# Options: LINES="page search filter account history" (which pages to measure, in this order; the search and the filter are
# bound by their SQL at 1M: a few requests a second for the director); WARMUP=180 (seconds of page load before the
# first measured line of each jar); SQL=1 prints the statements
# one page request sends (PostgreSQL's log_statement for that request only); JFR=dir records the director's plain
# page with Flight Recorder (settings=default) into dir/<n>-<jar>.jfr, read with java bench/JfrBreakdown.java; KEEP=1 keeps logs.
set -euo pipefail
cd "$(dirname "$0")/.."
ACCOUNTS=${1:-1000000}
CONNECTIONS=${2:-50}
SECONDS_RUN=${3:-15}
KAMS=${KAMS:-300}
WARMUP=${WARMUP:-180}
PORT=${PORT:-18118}
PGPORT=${PGPORT:-55418}
. bench/lib.sh
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
if [ -z "${JARS:-}" ]; then
  JARS=$(ls target/dakehu-*.jar 2>/dev/null | head -1 || true)
  [ -n "$JARS" ] || { ./mvnw -q -B -o package -DskipTests; JARS=$(ls target/dakehu-*.jar | head -1); }
fi
read -r -a JAR_LIST <<< "$JARS"
for j in "${JAR_LIST[@]}"; do [ -f "$j" ] || { echo "no jar $j" >&2; exit 1; }; done

bench_database

stop_jar() {
  kill "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  PID=""
}

bench_jar "${JAR_LIST[0]}"
echo "accounts: $ACCOUNTS; KAMs: $KAMS; connections: $CONNECTIONS; cores: $(nproc);" \
  "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
user bench-director DIRECTOR
user bench-manager-1 MANAGER
user bench-kam-1 KAM

seed_book

HZ=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' /proc/$PID/stat; }
report() { # name, req/s, p50, p99, cpu ms/req
  printf '%-44s %9s/s  p50 %-9s p99 %-9s CPU %6s ms/req  load %s\n' "$1" "$2" "$3" "$4" "$5" \
    "$(cut -d' ' -f1 /proc/loadavg)"
}
load() { # name, session, path: wrk after a 5 s warm-up
  local cookie="Cookie: SESSION=$2" out before after requests errors
  # The previous line's load may still drain (a list bound by its SQL queues for seconds): a few tries first.
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    status=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "$cookie" "http://127.0.0.1:$PORT$3")
    [ "$status" = 200 ] && break
    sleep 3
  done
  [ "$status" = 200 ] || { echo "$3 answers $status" >&2; exit 1; }
  wrk -t2 -c"$CONNECTIONS" -d5s --timeout 10s -H "$cookie" "http://127.0.0.1:$PORT$3" > /dev/null
  before=$(ticks)
  out=$(wrk --latency --timeout 10s -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" -H "$cookie" "http://127.0.0.1:$PORT$3")
  after=$(ticks)
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  errors=$(echo "$out" | grep -E 'Non-2xx|Socket errors' | tr '\n' ' ' || true)
  report "$1" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" "$(echo "$out" | awk '$1=="50%" {print $2}')" \
    "$(echo "$out" | awk '$1=="99%" {print $2}')" "$(echo "scale=2; ($after - $before) * 1000 / $HZ / $requests" | bc)"
  [ -z "$errors" ] || echo "  $errors"
}
statements() { # name, session, path: the SQL one request sends, from PostgreSQL's log
  local from
  "${PSQL[@]}" -c "alter system set log_statement = 'all'" -c "select pg_reload_conf()" > /dev/null
  sleep 0.5
  from=$(wc -l < "$WORK/pg/server.log")
  curl -s -o /dev/null -H "Cookie: SESSION=$2" "http://127.0.0.1:$PORT$3"
  sleep 0.3
  "${PSQL[@]}" -c "alter system set log_statement = 'none'" -c "select pg_reload_conf()" > /dev/null
  tail -n +"$((from + 1))" "$WORK/pg/server.log" | grep -E 'LOG:  (execute|statement)' \
    | grep -v -E 'alter system|pg_reload_conf|app_node' | sed 's/.*LOG:  //' | cut -c1-150 > "$WORK/statements"
  echo "  $1: $(grep -c -v -E '^(statement: )?(BEGIN|COMMIT|SET|SHOW|execute [^:]*: (BEGIN|COMMIT|SET|SHOW))' \
    "$WORK/statements" || true) statements ($(wc -l < "$WORK/statements") with BEGIN/COMMIT/SET)"
  sed 's/^/    /' "$WORK/statements"
}

PAGE="/accounts"
SEARCH="/accounts?q=customer%204242"
FILTER="/accounts?industry=Medical&region=East%20China&sort=-updated"
# The account's page: an account of the KAM's, which the director may open too, with the history of an account in
# use (100 saves of three fields each: as many rows as the page read before its history was paged) and its first
# page of history, which the account page loads after itself.
ACCOUNT_ID=$("${PSQL[@]}" -tAc "select min(a.id) from account a join app_user u on u.id = a.owner_id
  where u.username = 'bench-kam-1'")
"${PSQL[@]}" -c "insert into audit_log (occurred_at, actor, entity_type, entity_id, account_id, action, field,
  old_value, new_value) select timestamp '2026-01-01 09:00' + (g / 3) * interval '1 day', 'bench-kam-1', 'Account',
  $ACCOUNT_ID, $ACCOUNT_ID, 'UPDATE', (array['phone', 'address', 'industry'])[g % 3 + 1], 'before ' || g, 'after ' || g
  from generate_series(0, 299) g"
ACCOUNT="/accounts/$ACCOUNT_ID"
HISTORY="/accounts/$ACCOUNT_ID/history/section"
declare -A PATHS=([page]=$PAGE [search]=$SEARCH [filter]=$FILTER [account]=$ACCOUNT [history]=$HISTORY)
declare -A NAMES=([page]="page" [search]="page, search q=customer 4242" [filter]="page, industry + region, -updated"
  [history]="account's history, first page"
  [account]="account's page")
LINES=${LINES:-page search filter account history}
n=0
for jar in "${JAR_LIST[@]}"; do
  n=$((n + 1))
  if [ $n -gt 1 ]; then
    stop_jar
    bench_jar "$jar"
  fi
  DIRECTOR="" KAM=""
  # A node just started may still be busy: a few tries before giving up.
  for _ in 1 2 3 4 5; do
    [ -n "$DIRECTOR" ] || DIRECTOR=$(sign_in bench-director)
    [ -n "$KAM" ] || KAM=$(sign_in bench-kam-1)
    [ -n "$DIRECTOR" ] && [ -n "$KAM" ] && break
    sleep 2
  done
  [ -n "$DIRECTOR" ] && [ -n "$KAM" ] || { echo "sign-in failed" >&2; tail -50 "$WORK/app.log" >&2; exit 1; }
  echo "=== $n: $jar ($(date -u +%H:%M) UTC, load $(cut -d' ' -f1-3 /proc/loadavg))"
  warm=()
  for line in $LINES; do
    path=${PATHS[$line]}
    warm+=("$path" "Cookie: SESSION=$DIRECTOR" "$path" "Cookie: SESSION=$KAM")
  done
  bench_warm "$WARMUP" "${warm[@]}"
  if [ -n "${SQL:-}" ]; then
    statements "page, director" "$DIRECTOR" "$PAGE"
    statements "page, KAM" "$KAM" "$PAGE"
    statements "account's page, KAM" "$KAM" "$ACCOUNT"
  fi
  for line in $LINES; do
    if [ -n "${JFR:-}" ] && [ "$line" = page ]; then
      mkdir -p "$JFR"
      jcmd $PID JFR.start name=page settings=default \
        filename="$(realpath -m "$JFR/$n-$(basename "$jar" .jar).jfr")" > /dev/null
    fi
    load "${NAMES[$line]}, director" "$DIRECTOR" "${PATHS[$line]}"
    if [ -n "${JFR:-}" ] && [ "$line" = page ]; then
      jcmd $PID JFR.stop name=page > /dev/null
    fi
    load "${NAMES[$line]}, KAM" "$KAM" "${PATHS[$line]}"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
