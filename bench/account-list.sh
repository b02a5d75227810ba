#!/usr/bin/env bash
# Account list benchmark (PERFORMANCE.md P3, P4, P5). Starts the jar on a fresh database, records start-up time
# and idle RSS, seeds N accounts owned by one user with set-based SQL, then loads the account API with wrk on
# loopback and prints req/s, p50 and p99.
#   bench/account-list.sh [accounts]            embedded H2 (the default configuration)
#   DB=postgres bench/account-list.sh [accounts] PostgreSQL 15 from Debian's packages, started for the run
#   JFR=list.jfr bench/account-list.sh …          also records the first measured run with Java Flight Recorder
#                                                 (settings=default: "profile" adds allocation and socket events that
#                                                 triple a request's CPU) and prints bench/JfrBreakdown.java's layers
#   WARMUP=0 bench/account-list.sh …              no warm-up before the runs but their own 10 s (default 60 s)
set -euo pipefail
cd "$(dirname "$0")/.."
ACCOUNTS=${1:-100000}
DB=${DB:-h2}
PORT=${PORT:-18080}
PGPORT=${PGPORT:-55432}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
JAR=$(ls target/dakehu-*.jar 2>/dev/null | head -1 || true)
[ -n "$JAR" ] || { ./mvnw -q -B package -DskipTests; JAR=$(ls target/dakehu-*.jar | head -1); }
JAR=$(realpath "$JAR")

WORK=$(mktemp -d)
chmod 755 "$WORK"
PID=""
cleanup() {
  [ -n "$PID" ] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
  if [ "$DB" = postgres ]; then runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

ARGS=(--server.port=$PORT --dakehu.admin.password=bench-secret --dakehu.demo-data.enabled=false)
if [ "$DB" = h2 ]; then
  # The default opens no server; the benchmark opts in so its seeding shell can write into the running database.
  ARGS+=("--spring.datasource.url=jdbc:h2:file:./data/dakehu;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE")
fi
if [ "$DB" = postgres ]; then
  mkdir "$WORK/pg" && chown postgres "$WORK/pg"
  runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$WORK/pg" -A trust -U postgres >/dev/null
  runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$WORK/pg" -o "-p $PGPORT -k /tmp -c shared_buffers=512MB" -l "$WORK/pg/server.log" start >/dev/null
  sleep 2
  psql -h 127.0.0.1 -p $PGPORT -U postgres -qc "create database dakehu"
  export SPRING_PROFILES_ACTIVE=postgres DAKEHU_DB_URL="jdbc:postgresql://127.0.0.1:$PGPORT/dakehu" DAKEHU_DB_USER=postgres DAKEHU_DB_PASSWORD=x
fi

start=$(date +%s.%N)
( cd "$WORK" && exec java -jar "$JAR" "${ARGS[@]}" > app.log 2>&1 ) &
PID=$!
until grep -q "Started DakehuApplication" "$WORK/app.log" 2>/dev/null; do
  sleep 0.05
  kill -0 $PID 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
done
ready=$(date +%s.%N)
JPID=$(pgrep -f "server.port=$PORT" | head -1)
reported=$(grep -o 'Started DakehuApplication in [0-9.]* seconds' "$WORK/app.log" | grep -o '[0-9.]*' | head -1)
sleep 3
rss_idle=$(awk '/VmRSS/ {print $2}' /proc/$JPID/status)
echo "database: $DB; accounts: $ACCOUNTS; cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "start-up: Spring reports ${reported}s; launch to ready $(echo "$ready - $start" | bc)s; idle RSS $((rss_idle / 1024)) MB"

SEED="
insert into account (name, name_key, registration_id, industry, region, owner_id, status, key_account_type,
                     archived, created_at, updated_at, version)
select 'Customer ' || x, 'customer ' || x, '91310000' || lpad(cast(x as varchar), 10, '0'),
       case mod(x, 5) when 0 then 'Machinery' when 1 then 'Medical' when 2 then 'Retail' when 3 then 'Software' else 'Energy' end,
       case mod(x, 4) when 0 then 'East China' when 1 then 'North China' when 2 then 'South China' else 'West China' end,
       1, case mod(x, 3) when 0 then 'ACTIVE' when 1 then 'PROSPECT' else 'DORMANT' end,
       case mod(x, 4) when 0 then 'ECONOMIC' when 1 then 'STRATEGIC' else null end,
       false, current_timestamp, current_timestamp, 1
from SERIES;
delete from account_tally;
insert into account_tally (owner_id, archived, accounts) select owner_id, archived, count(*) from account group by owner_id, archived;
analyze;"
seed_start=$(date +%s.%N)
if [ "$DB" = postgres ]; then
  psql -h 127.0.0.1 -p $PGPORT -U postgres -d dakehu -q -v ON_ERROR_STOP=1 \
    -c "${SEED//SERIES/generate_series(1, $ACCOUNTS) as g(x)}" >/dev/null
else
  # The H2 the jar is built with (pom.xml's h2.version), from the local Maven repository.
  H2=$(find ~/.m2/repository/com/h2database/h2/"$(sed -n 's:.*<h2.version>\(.*\)</h2.version>.*:\1:p' pom.xml)" -name 'h2-*.jar' ! -name '*sources*' | head -1)
  java -cp "$H2" org.h2.tools.Shell -url "jdbc:h2:file:$WORK/data/dakehu;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE" \
    -user sa -password "$(cat "$WORK/data/database-password")" -sql "${SEED//SERIES/system_range(1, $ACCOUNTS) as g(x)}" | grep -iv '^(update count\|^$' || true
fi
echo "seeded in $(echo "$(date +%s.%N) - $seed_start" | bc)s"

# An API client signs in with a personal access token, not a password on every request.
TOKEN=$(curl -sS --fail-with-body -u admin:bench-secret -H 'Content-Type: application/json' \
  "http://127.0.0.1:$PORT/api/v1/me/tokens" -d '{"name":"bench","days":1}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
AUTH="Authorization: Bearer $TOKEN"
# CPU time (user + system, in clock ticks) the JVM has used so far: divided by the requests served it gives the
# JVM's CPU per request, a figure the machine's other load does not inflate the way it inflates latency.
ticks() { awk '{print $14 + $15}' /proc/$JPID/stat; }
HZ=$(getconf CLK_TCK)
run() { # name, connections, path
  wrk -t2 -c"$2" -d10s -H "$AUTH" "http://127.0.0.1:$PORT$3" > /dev/null
  if [ -n "${JFR:-}" ] && [ -z "${jfr_done:-}" ]; then
    jcmd $JPID JFR.start name=bench settings=default filename="$(realpath -m "$JFR")" > /dev/null
  fi
  before=$(ticks)
  out=$(wrk --latency -t2 -c"$2" -d15s -H "$AUTH" "http://127.0.0.1:$PORT$3")
  after=$(ticks)
  if [ -n "${JFR:-}" ] && [ -z "${jfr_done:-}" ]; then
    jcmd $JPID JFR.stop name=bench > /dev/null
    jfr_done=1
    echo "flight recording of \"$1\" written to $JFR; where its CPU went:"
    java bench/JfrBreakdown.java "$JFR"
  fi
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  cpu=$(echo "scale=2; ($after - $before) * 1000 / $HZ / $requests" | bc)
  errors=$(echo "$out" | grep -E 'Non-2xx|Socket errors' | tr '\n' ' ' || true)
  printf '%-40s c=%-3s %9s req/s  p50 %-9s p99 %-9s JVM CPU %s ms/req %s\n' "$1" "$2" "$rps" "$p50" "$p99" "$cpu" "$errors"
}
total=$(curl -s -H "$AUTH" "http://127.0.0.1:$PORT/api/v1/accounts?size=1" | grep -o '"totalElements":[0-9]*')
echo "list total as served: $total"
# The JIT keeps compiling for a minute or more under load on two cores: after only the 10 s warm-up each run has,
# the first runs cost two to three times the CPU per request of a warm JVM. WARMUP=0 measures the cold JVM, as the
# peer's side-by-side figures in PERFORMANCE.md were taken (10 s warm-up).
WARMUP=${WARMUP:-60}
if [ "$WARMUP" -gt 0 ]; then
  for path in "/api/v1/accounts?size=10" "/api/v1/accounts?q=customer%204242" "/api/v1/accounts/4242"; do
    wrk -t2 -c20 -d$((WARMUP / 3))s -H "$AUTH" "http://127.0.0.1:$PORT$path" > /dev/null
  done
  echo "warmed up for ${WARMUP}s (list, search, detail)"
fi
run "list, page of 10 (P5 shape)" 20 "/api/v1/accounts?size=10"
run "list, page of 20" 50 "/api/v1/accounts"
run "search q=customer 4242" 50 "/api/v1/accounts?q=customer%204242"
run "filter region+status, sort -updated" 50 "/api/v1/accounts?region=East%20China&status=ACTIVE&sort=-updated"
run "account detail" 50 "/api/v1/accounts/4242"
rss_loaded=$(awk '/VmRSS/ {print $2}' /proc/$JPID/status)
echo "RSS after load: $((rss_loaded / 1024)) MB; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
