#!/usr/bin/env bash
# Account list benchmark (PERFORMANCE.md P4, P5; P3's shape at 100k): starts the jar on a fresh embedded H2
# database, records start-up time and idle RSS, seeds N accounts for one owner with set-based SQL, then loads the
# account list API with wrk on loopback. Usage: bench/account-list.sh [accounts] (default 100000).
set -euo pipefail
cd "$(dirname "$0")/.."
ACCOUNTS=${1:-100000}
PORT=${PORT:-18080}
JAR=$(ls target/dakehu-*.jar 2>/dev/null | grep -v plain | head -1 || true)
[ -n "$JAR" ] || { ./mvnw -q -B package -DskipTests; JAR=$(ls target/dakehu-*.jar | head -1); }
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
H2=$(find ~/.m2/repository/com/h2database/h2 -name 'h2-2.4*.jar' | head -1)

WORK=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
JAR_ABS=$(realpath "$JAR")
start=$(date +%s.%N)
( cd "$WORK" && exec java -jar "$JAR_ABS" --server.port=$PORT --dakehu.admin.password=bench-secret \
    --dakehu.demo-data.enabled=false > app.log 2>&1 ) &
PID=$!
until grep -q "Started DakehuApplication" "$WORK/app.log" 2>/dev/null; do
  sleep 0.1
  kill -0 $PID 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
done
PID=$(pgrep -f "server.port=$PORT" | head -1)
ready=$(date +%s.%N)
reported=$(grep -o 'Started DakehuApplication in [0-9.]* seconds' "$WORK/app.log" | grep -o '[0-9.]*' | head -1)
sleep 3
rss_idle=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
echo "start-up: Spring reports ${reported}s; launch to ready $(echo "$ready - $start" | bc)s; idle RSS $((rss_idle / 1024)) MB"

URL="jdbc:h2:file:$WORK/data/dakehu;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE"
seed_start=$(date +%s.%N)
java -cp "$H2" org.h2.tools.Shell -url "$URL" -user sa -password "" -sql "
insert into account (name, name_key, registration_id, industry, region, owner_id, status, key_account_type,
                     created_at, updated_at, version)
select 'Customer ' || x, 'customer ' || x, '91310000' || lpad(cast(x as varchar), 10, '0'),
       case mod(x, 5) when 0 then 'Machinery' when 1 then 'Medical' when 2 then 'Retail' when 3 then 'Software' else 'Energy' end,
       case mod(x, 4) when 0 then 'East China' when 1 then 'North China' when 2 then 'South China' else 'West China' end,
       1, case mod(x, 3) when 0 then 'ACTIVE' when 1 then 'PROSPECT' else 'DORMANT' end,
       case mod(x, 4) when 0 then 'ECONOMIC' when 1 then 'STRATEGIC' else null end,
       dateadd('SECOND', -x, current_timestamp), dateadd('SECOND', -x, current_timestamp), 1
from system_range(1, $ACCOUNTS);
analyze;" | grep -iv "^(update count|^$" || true
echo "seeded $ACCOUNTS accounts (one owner) in $(echo "$(date +%s.%N) - $seed_start" | bc)s"

AUTH="Authorization: Basic $(printf 'admin:bench-secret' | base64)"
run() { # name, connections, path
  wrk -t2 -c"$2" -d10s -H "$AUTH" "http://127.0.0.1:$PORT$3" > /dev/null  # warm-up
  out=$(wrk --latency -t2 -c"$2" -d15s -H "$AUTH" "http://127.0.0.1:$PORT$3")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errors=$(echo "$out" | grep -E 'Non-2xx|Socket errors' | tr '\n' ' ' || true)
  printf '%-34s c=%-3s %8s req/s  p50 %-8s p99 %-8s %s\n' "$1" "$2" "$rps" "$p50" "$p99" "$errors"
}
run "list, page of 10 (P5 shape)" 20 "/api/v1/accounts?size=10"
run "search q=customer 4242, page of 20" 50 "/api/v1/accounts?q=customer%204242"
run "filter region+status, sort -updated" 50 "/api/v1/accounts?region=East%20China&status=ACTIVE&sort=-updated"
run "account detail" 50 "/api/v1/accounts/4242"
rss_loaded=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
echo "RSS after load: $((rss_loaded / 1024)) MB"
