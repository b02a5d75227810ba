# Shared by the benchmark scripts that measure the jar on a fresh PostgreSQL 15 (Debian's packages), sourced after
# the script has set PORT, PGPORT and its other parameters. bench_start: finds or builds the jar, starts PostgreSQL
# in a temporary directory (stopped and removed at exit; KEEP=1 keeps the logs) with settings for a bulk seed
# (no fsync wait per commit, room for WAL: the reads are what is measured), creates the database, starts the jar on
# 127.0.0.1 with an administrator and no demo data, and waits until it answers (bench_database alone does the part
# before the jar, for a script that starts its jars itself). Then `user NAME ROLE` makes a user
# through the API, `token NAME PASSWORD` prints a personal access token made for them, and "${PSQL[@]}" runs SQL in
# the database.
PGBIN=/usr/lib/postgresql/15/bin
ADMIN="admin:bench-secret"
PASSWORD="Quiet-Meadow-4821"

bench_start() {
  command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
  [ -x $PGBIN/pgbench ] || { echo "PostgreSQL 15 is needed: apt-get install postgresql-15" >&2; exit 1; }
  JAR=$(ls target/dakehu-*.jar 2>/dev/null | head -1 || true)
  [ -n "$JAR" ] || { ./mvnw -q -B -o package -DskipTests; JAR=$(ls target/dakehu-*.jar | head -1); }
  JAR=$(realpath "$JAR")
  bench_database
  bench_jar "$JAR"
}

bench_jar() { # jar: started on 127.0.0.1 with an administrator and no demo data; waits until it answers
  local jar
  jar=$(realpath "$1") # before the jar starts inside the work directory
  rm -f "$WORK/app.log"
  ( cd "$WORK" && exec java -Xmx1g ${JAVA_OPTS:-} -jar "$jar" --server.address=127.0.0.1 \
      --server.port=$PORT --dakehu.admin.password=bench-secret --dakehu.demo-data.enabled=false > app.log 2>&1 ) &
  PID=$!
  until grep -q "Started DakehuApplication" "$WORK/app.log" 2>/dev/null; do
    sleep 0.2
    kill -0 $PID 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
  done
  for _ in $(seq 1 100); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -u "$ADMIN" "http://127.0.0.1:$PORT/api/v1/me")" = 200 ] && return
    sleep 0.2
  done
  echo "$1 does not answer" >&2
  exit 1
}

bench_database() { # a fresh PostgreSQL in a temporary directory, its database "dakehu", the jar's settings for it
  WORK=$(mktemp -d)
  chmod 755 "$WORK"
  PID=""
  trap bench_cleanup EXIT
  mkdir "$WORK/pg" && chown postgres "$WORK/pg"
  runuser -u postgres -- $PGBIN/initdb -D "$WORK/pg" -A trust -U postgres >/dev/null
  runuser -u postgres -- $PGBIN/pg_ctl -D "$WORK/pg" -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 \
    -c shared_buffers=1GB -c max_wal_size=4GB -c synchronous_commit=off -c maintenance_work_mem=512MB" \
    -l "$WORK/pg/server.log" start >/dev/null
  sleep 2
  PSQL=(psql -h 127.0.0.1 -p $PGPORT -U postgres -d dakehu -q -v ON_ERROR_STOP=1)
  psql -h 127.0.0.1 -p $PGPORT -U postgres -qc "create database dakehu"
  export SPRING_PROFILES_ACTIVE=postgres DAKEHU_DB_URL="jdbc:postgresql://127.0.0.1:$PGPORT/dakehu" \
    DAKEHU_DB_USER=postgres DAKEHU_DB_PASSWORD=x
}

bench_cleanup() {
  [ -n "$PID" ] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
  runuser -u postgres -- $PGBIN/pg_ctl -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
  [ -n "${KEEP:-}" ] && echo "logs kept in $WORK" || rm -rf "$WORK"
}

user() { # username, role
  curl -sS --fail-with-body -u "$ADMIN" -H 'Content-Type: application/json' "http://127.0.0.1:$PORT/api/v1/users" \
    -d "{\"username\":\"$1\",\"displayName\":\"$1\",\"password\":\"$PASSWORD\",\"role\":\"$2\"}" >/dev/null
}

sign_in() { # username: the SESSION cookie of a sign-in through the login form, as a browser keeps it
  local jar=$WORK/cookies-$1 token
  rm -f "$jar"
  token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$PORT/login" \
    | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "username=$1" --data-urlencode "password=$PASSWORD" \
    --data-urlencode "_csrf=$token" -w '%{http_code} %{redirect_url}\n' "http://127.0.0.1:$PORT/login" >> "$WORK/sign-ins"
  awk '$6 == "SESSION" {print $7}' "$jar"
}

bench_warm() { # seconds, then pairs of path and request header: each list loaded in turn for its share of the
  # seconds before the first measured line, so no line measures the JIT compiler at work on another line's code
  local each=$(( $1 * 2 / ($# - 1) ))
  shift
  echo "warm-up: $(( $# / 2 )) lists, ${each} s each"
  while [ $# -ge 2 ]; do
    wrk -t2 -c"$CONNECTIONS" -d"${each}s" --timeout 10s -H "$2" "http://127.0.0.1:$PORT$1" > /dev/null
    shift 2
  done
}

bench_sql() { # name, SQL script (the statements of one request): the bare SQL with pgbench at $CONNECTIONS for
  # $SECONDS_RUN after a 5 s warm-up; tps and the p50/p99 of its per-transaction log, printed by the script's report
  echo "$2" > "$WORK/page.sql"
  rm -f "$WORK"/pgbench_log.*
  # BENCH_PROTOCOL=prepared plans each statement once per connection, as the application's prepared statements are
  # (default: simple, planned on every execution).
  $PGBIN/pgbench -h 127.0.0.1 -p $PGPORT -U postgres -n -M "${BENCH_PROTOCOL:-simple}" -c "$CONNECTIONS" -j 2 -T 5 \
    -f "$WORK/page.sql" dakehu >/dev/null
  ( cd "$WORK" && $PGBIN/pgbench -h 127.0.0.1 -p $PGPORT -U postgres -n -M "${BENCH_PROTOCOL:-simple}" \
      -c "$CONNECTIONS" -j 2 -T "$SECONDS_RUN" -l -f page.sql dakehu > pgbench.out )
  cat "$WORK"/pgbench_log.* | awk '{print $3}' | sort -n > "$WORK/latencies"
  n=$(wc -l < "$WORK/latencies")
  p50=$(sed -n "$(( (n + 1) / 2 ))p" "$WORK/latencies")
  p99=$(sed -n "$(( (n * 99 + 99) / 100 ))p" "$WORK/latencies")
  report "$1" "$(awk '/^tps/ {printf "%.1f", $3}' "$WORK/pgbench.out")" "$(echo "scale=2; $p50 / 1000" | bc)ms" \
    "$(echo "scale=2; $p99 / 1000" | bc)ms"
}

token() { # username, password: a personal access token made once with Basic
  curl -sS --fail-with-body -u "$1:$2" -H 'Content-Type: application/json' \
    "http://127.0.0.1:$PORT/api/v1/me/tokens" -d '{"name":"bench","days":1}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}

seed_book() { # the accounts of the account-list benchmarks, seeded inside PostgreSQL with a fixed seed after `user`
  # has made bench-director, bench-manager-1 and bench-kam-1: KAMS key account managers in teams of ten (team n led by
  # bench-manager-n), ACCOUNTS accounts owned round-robin, twenty industries and eight regions, statuses drawn at
  # random, twenty accounts of other owners shared with bench-kam-1; SEED_EXTRA (SQL) runs before the tallies are made
  local seed_start
  seed_start=$(date +%s.%N)
"${PSQL[@]}" <<SQL
select setseed(0.18);
-- The other users share the API-made KAM's password hash: only the API-made ones sign in.
insert into app_user (username, display_name, password_hash, role, active, created_at, version)
select 'bench-manager-' || m, 'Manager ' || m, u.password_hash, 'MANAGER', true, now(), 0
from generate_series(2, ($KAMS + 9) / 10) m, app_user u where u.username = 'bench-kam-1';
insert into app_user (username, display_name, password_hash, role, active, created_at, version)
select 'bench-kam-' || k, 'Key Account Manager ' || k, u.password_hash, 'KAM', true, now(), 0
from generate_series(2, $KAMS) k, app_user u where u.username = 'bench-kam-1';
-- Teams of ten KAMs, team n led by bench-manager-n.
insert into team (name, manager_id, created_at, version)
select 'Team ' || m.n, m.id, now(), 0
from (select id, substring(username from 15)::int n from app_user where username like 'bench-manager-%') m;
update app_user u set team_id = t.id
from team t where u.username like 'bench-kam-%' and t.name = 'Team ' || ((substring(u.username from 11)::int - 1) / 10 + 1);
insert into account (name, name_key, registration_id, industry, region, owner_id, status, archived, created_at,
                     updated_at, version)
select 'Customer ' || x, 'customer ' || x, '91310000' || lpad(x::text, 10, '0'),
       (array['Machinery', 'Medical', 'Retail', 'Software', 'Energy', 'Chemicals', 'Automotive', 'Logistics',
              'Textiles', 'Food', 'Construction', 'Electronics', 'Finance', 'Education', 'Agriculture', 'Mining',
              'Telecom', 'Pharma', 'Media', 'Utilities'])[1 + (x * 7) % 20],
       (array['East China', 'North China', 'South China', 'West China', 'Central China', 'Northeast China',
              'Northwest China', 'Southwest China'])[1 + (x * 3) % 8],
       k.ids[1 + x % k.n],
       (array['ACTIVE', 'ACTIVE', 'ACTIVE', 'PROSPECT', 'DORMANT'])[1 + floor(random() * 5)::int], false,
       now() - random() * interval '700 days', now() - random() * interval '300 days', 1
from generate_series(1, $ACCOUNTS) x,
     (select array_agg(id order by id) ids, count(*)::int n from app_user where role = 'KAM') k;
${SEED_EXTRA:-}
-- Twenty accounts of other owners shared with bench-kam-1 (the account team).
insert into account_team_member (account_id, user_id)
select a.id, u.id from account a, app_user u
where u.username = 'bench-kam-1' and a.owner_id <> u.id and a.id % 50000 = 7;
delete from account_tally;
insert into account_tally (owner_id, archived, accounts)
select owner_id, archived, count(*) from account group by owner_id, archived;
vacuum analyze;
SQL
echo "seeded in $(echo "$(date +%s.%N) - $seed_start" | bc)s"
}
