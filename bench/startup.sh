#!/usr/bin/env bash
# Start-up time and idle memory of the jar on the embedded H2 default (PERFORMANCE.md P4). The first start creates
# the database and loads the demo data; the next starts are what a user waits for every day. Prints each start's
# time to "Started" and the RSS three seconds later. Usage: bench/startup.sh [starts] (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
STARTS=${1:-5}
PORT=${PORT:-18090}
JAR=$(ls target/dakehu-*.jar 2>/dev/null | head -1 || true)
[ -n "$JAR" ] || { ./mvnw -q -B package -DskipTests; JAR=$(ls target/dakehu-*.jar | head -1); }
JAR=$(realpath "$JAR")
WORK=$(mktemp -d)
trap 'pkill -f "server.port=$PORT" 2>/dev/null || true; rm -rf "$WORK"' EXIT
start_once() {
  : > "$WORK/app.log"
  local t0; t0=$(date +%s.%N)
  ( cd "$WORK" && exec java -jar "$JAR" --server.port=$PORT --dakehu.admin.password=startup-secret >> app.log 2>&1 ) &
  local pid=$!
  until grep -q "Started DakehuApplication" "$WORK/app.log"; do sleep 0.05; kill -0 $pid 2>/dev/null || { cat "$WORK/app.log"; exit 1; }; done
  local t1; t1=$(date +%s.%N)
  sleep 3
  local rss; rss=$(awk '/VmRSS/ {print $2}' /proc/$(pgrep -f "server.port=$PORT" | head -1)/status)
  local spring; spring=$(grep -o 'Started DakehuApplication in [0-9.]* seconds' "$WORK/app.log" | grep -o '[0-9.]*' | head -1)
  printf '%s: launch to ready %.2fs (Spring: %ss), RSS %d MB, load %s\n' "$1" "$(echo "$t1 - $t0" | bc)" "$spring" $((rss / 1024)) "$(cut -d' ' -f1 /proc/loadavg)"
  kill $pid; wait $pid 2>/dev/null || true
}
start_once "first start (new database, demo data)"
for i in $(seq 1 "$STARTS"); do start_once "start $i"; done
