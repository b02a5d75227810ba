#!/usr/bin/env bash
# Two nodes behind a load balancer (issue #12 part 9, decision 0027). Starts PostgreSQL 15 (Debian's packages), two
# application nodes on one database and one shared imports folder, and HAProxy in front (round robin, health checks
# every second, a refused connection retried on the other node); makes 50 KAMs and seeds their accounts; checks that
# a session made on node A works on node B; then runs the mixed load of TwoNodesLoad (list, search, account page,
# edit with version, import of a small CSV, the administrator's segmentation runs) with USERS users for DURATION
# seconds, kills node B with SIGKILL halfway through, and prints requests, errors (in flight at the kill, after
# it, elsewhere), p50/p99 outside the kill window and lost writes (every acknowledged write looked up afterwards).
#   bench/two-nodes.sh                    # 50 users, 300 s
#   DURATION=60 bench/two-nodes.sh        # a smoke run
# The measured DURATION follows a 30-second warm-up of the same mix (WARMUP). Everything listens on 127.0.0.1 only
# and is stopped at the end; about DURATION + 3 minutes in all.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-300}
USERS=${USERS:-50}
ACCOUNTS=${ACCOUNTS:-10000}
THINK_MS=${THINK_MS:-1000}
LB_PORT=${LB_PORT:-18090}
PORT_A=${PORT_A:-18091}
PORT_B=${PORT_B:-18092}
PGPORT=${PGPORT:-55492}
PGBIN=/usr/lib/postgresql/15/bin
[ -x $PGBIN/postgres ] || { echo "PostgreSQL 15 is needed: apt-get install postgresql-15" >&2; exit 1; }
command -v haproxy >/dev/null || apt-get install -y -q haproxy >/dev/null
JAR=$(ls target/dakehu-*.jar 2>/dev/null | head -1 || true)
[ -n "$JAR" ] || { ./mvnw -q -B -o package -DskipTests; JAR=$(ls target/dakehu-*.jar | head -1); }
JAR=$(realpath "$JAR")
[ -f target/test-classes/io/dakehu/shared/cluster/TwoNodesLoad.class ] || ./mvnw -q -B -o test-compile
[ -f target/bench.classpath ] || ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"

WORK=$(mktemp -d)
chmod 755 "$WORK"
PID_A="" PID_B="" PID_LB=""
cleanup() {
  for pid in $PID_LB $PID_A $PID_B; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  runuser -u postgres -- $PGBIN/pg_ctl -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
  [ -n "${KEEP:-}" ] && echo "logs kept in $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

mkdir "$WORK/pg" && chown postgres "$WORK/pg"
runuser -u postgres -- $PGBIN/initdb -D "$WORK/pg" -A trust -U postgres >/dev/null
runuser -u postgres -- $PGBIN/pg_ctl -D "$WORK/pg" -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 \
  -c shared_buffers=256MB -c max_connections=100" -l "$WORK/pg/server.log" start >/dev/null
sleep 2
PSQL=(psql -h 127.0.0.1 -p $PGPORT -U postgres -d dakehu -q -v ON_ERROR_STOP=1)
psql -h 127.0.0.1 -p $PGPORT -U postgres -qc "create database dakehu"
export SPRING_PROFILES_ACTIVE=postgres DAKEHU_DB_URL="jdbc:postgresql://127.0.0.1:$PGPORT/dakehu" \
  DAKEHU_DB_USER=postgres DAKEHU_DB_PASSWORD=x
node() { # name, port: a node on the shared imports folder; the second starts once the first has marked the folder
  mkdir -p "$WORK/$1"
  ( cd "$WORK/$1" && exec java -Xmx512m -jar "$JAR" --server.address=127.0.0.1 --server.port=$2 \
      --dakehu.admin.password=bench-secret --dakehu.demo-data.enabled=false \
      --dakehu.imports.directory="$WORK/imports" --spring.datasource.hikari.maximum-pool-size=20 > app.log 2>&1 ) &
}
started() { # name, pid
  until grep -q "Started DakehuApplication" "$WORK/$1/app.log" 2>/dev/null; do
    sleep 0.2
    kill -0 "$2" 2>/dev/null || { cat "$WORK/$1/app.log"; exit 1; }
  done
}
node a $PORT_A; PID_A=$!; started a $PID_A
node b $PORT_B; PID_B=$!; started b $PID_B

cat > "$WORK/haproxy.cfg" <<CFG
global
  maxconn 500
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  retries 3
  option redispatch
frontend dakehu
  bind 127.0.0.1:$LB_PORT
  default_backend nodes
backend nodes
  balance roundrobin
  option httpchk GET /actuator/health
  server a 127.0.0.1:$PORT_A check inter 1s fall 2 rise 2
  server b 127.0.0.1:$PORT_B check inter 1s fall 2 rise 2
CFG
haproxy -f "$WORK/haproxy.cfg" -db > "$WORK/haproxy.log" 2>&1 &
PID_LB=$!
echo "nodes a (pid $PID_A, :$PORT_A) and b (pid $PID_B, :$PORT_B) behind HAProxy on :$LB_PORT; cores: $(nproc);" \
  "load: $(cut -d' ' -f1-3 /proc/loadavg)"

ADMIN="admin:bench-secret"
PASSWORD="Quiet-Harbor-7319"  # refused if it held a word of the users' names
for i in $(seq 1 100); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -u "$ADMIN" "http://127.0.0.1:$LB_PORT/api/v1/me")" = 200 ] && break
  sleep 0.2
done
for k in $(seq 1 "$USERS"); do
  curl -sS --fail-with-body -u "$ADMIN" -H 'Content-Type: application/json' "http://127.0.0.1:$LB_PORT/api/v1/users" \
    -d "{\"username\":\"bench-kam-$k\",\"displayName\":\"Key Account Manager $k\",\"password\":\"$PASSWORD\",\"role\":\"KAM\"}" \
    >/dev/null
done
"${PSQL[@]}" <<SQL
-- Accounts owned round-robin by the KAMs, as bench/pipeline.sh writes them.
insert into account (name, name_key, owner_id, status, archived, created_at, updated_at, version)
select 'Customer ' || x, 'customer ' || x, k.ids[1 + x % k.n], 'ACTIVE', false, now(), now(), 1
from generate_series(1, $ACCOUNTS) x,
     (select array_agg(id order by id) ids, count(*)::int n from app_user where role = 'KAM') k;
delete from account_tally;
insert into account_tally (owner_id, archived, accounts)
select owner_id, archived, count(*) from account group by owner_id, archived;
analyze;
SQL
echo "seeded $ACCOUNTS accounts for $USERS KAMs"

# A session made on node A is read by node B: signed in through A's login form, the cookie alone opens a page on B.
JAR_A="$WORK/cookies-a"
csrf=$(curl -s -c "$JAR_A" "http://127.0.0.1:$PORT_A/login" | sed -n 's/.*name="_csrf"[^>]*value="\([^"]*\)".*/\1/p' | head -1)
curl -s -o /dev/null -b "$JAR_A" -c "$JAR_A" --data-urlencode "username=bench-kam-1" \
  --data-urlencode "password=$PASSWORD" --data-urlencode "_csrf=$csrf" "http://127.0.0.1:$PORT_A/login"
on_b=$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR_A" "http://127.0.0.1:$PORT_B/accounts")
without=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT_B/accounts")
echo "signed in on node A, the account list on node B with that cookie only: $on_b (without a cookie: $without)"
[ "$on_b" = 200 ] && [ "$without" != 200 ] || echo "SESSIONS ARE NOT SHARED" >&2

java -Xmx256m -cp "$CP" -Dbench.url="http://127.0.0.1:$LB_PORT" -Dbench.users="$USERS" -Dbench.seconds="$DURATION" \
  -Dbench.think-ms="$THINK_MS" -Dbench.warmup-seconds="${WARMUP:-30}" -Dbench.kill-pid="$PID_B" -Dbench.jdbc="jdbc:postgresql://127.0.0.1:$PGPORT/dakehu" \
  -Dbench.password="$PASSWORD" -Dbench.admin-password=bench-secret io.dakehu.shared.cluster.TwoNodesLoad
PID_B=""
echo "HAProxy saw: $(grep -c 'is DOWN' "$WORK/haproxy.log" || true) server(s) going down"
echo "node a log: $(grep -c ' ERROR ' "$WORK/a/app.log" || true) ERROR lines; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
