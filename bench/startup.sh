#!/usr/bin/env bash
# Start-up time and idle memory of Dakehu on the embedded H2 default (PERFORMANCE.md P4, issue #18 part 2), against
# a yardstick measured in the same run: bench/startup-yardstick, a bare application on the same Spring Boot stack
# (one page, one table), started plain. Machines here differ by two to three times in start-up, so the ratio to the
# yardstick is the figure to compare between machines.
#
# Each round starts, one after the other: the yardstick, Dakehu plain (`java -jar`) and Dakehu through
# bin/dakehu-fast-start (archived classes, the serial collector, a small first heap), on Java 17 and, when found, on
# Java 25. Dakehu's starts share one database that the first start filled with the demo data (timed once, not in
# the medians). Each line: launch to the "Started" line, Spring's own figure, the resident memory three seconds
# later, the CPU the process had used by then, and the load average. Then the medians and the ratios.
#
# Usage: bench/startup.sh [rounds, default 5]     JAVA17=… JAVA25=… pick the JDKs (default: `java`, /usr/lib/jvm/*25*)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
PORT=${PORT:-18090}
JAVA17=${JAVA17:-$(command -v java)}
JAVA25=${JAVA25:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || true)}
JAR=$(ls target/dakehu-*.jar 2>/dev/null | grep -v -- '-plain' | head -1 || true)
[ -n "$JAR" ] || { ./mvnw -q -B package -DskipTests; JAR=$(ls target/dakehu-*.jar | grep -v -- '-plain' | head -1); }
YARD=bench/startup-yardstick/target/startup-yardstick-1.jar
if [ ! -f "$YARD" ] || [ -n "$(find bench/startup-yardstick -newer "$YARD" -type f -not -path '*/target/*')" ]; then
  ./mvnw -q -B -f bench/startup-yardstick/pom.xml package -DskipTests
fi
JAR=$(realpath "$JAR")
YARD=$(realpath "$YARD")
FAST=$(realpath bin/dakehu-fast-start)
WORK=$(mktemp -d)
mkdir -p "$WORK/dakehu" "$WORK/yardstick"
RESULTS="$WORK/results"
trap 'pkill -f "server.port=$PORT" 2>/dev/null || true; rm -rf "$WORK"' EXIT

# start_once LABEL DIR MAIN-CLASS COMMAND...: runs the command in DIR until its log says "Started MAIN-CLASS".
start_once() {
  local label=$1 dir=$2 main=$3
  shift 3
  : > "$WORK/app.log"
  local t0; t0=$(date +%s.%N)
  ( cd "$dir" && exec "$@" --server.port=$PORT --dakehu.admin.password=startup-secret >> "$WORK/app.log" 2>&1 ) &
  local pid=$!
  until grep -q "Started $main" "$WORK/app.log"; do
    sleep 0.05
    kill -0 $pid 2>/dev/null || { tail -30 "$WORK/app.log"; exit 1; }
  done
  local t1; t1=$(date +%s.%N)
  sleep 3
  local rss cpu spring ready
  rss=$(awk '/VmRSS/ {print int($2 / 1024)}' /proc/$pid/status)
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' /proc/$pid/stat)
  spring=$(grep -o "Started $main in [0-9.]* seconds" "$WORK/app.log" | grep -o '[0-9.]*' | head -1)
  ready=$(echo "$t1 - $t0" | bc)
  printf '%-22s launch to ready %6.2f s (Spring %6.2f s), RSS %4d MB, CPU %5.1f s, load %s\n' \
    "$label" "$ready" "$spring" "$rss" "$cpu" "$(cut -d' ' -f1 /proc/loadavg)"
  echo "${label// /_} $ready $rss $cpu" >> "$RESULTS"
  kill $pid; wait $pid 2>/dev/null || true
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2 / 1048576)}' /proc/meminfo) GiB, load before $(cut -d' ' -f1 /proc/loadavg)"
echo "java 17: $("$JAVA17" -version 2>&1 | head -1)"
[ -n "$JAVA25" ] && echo "java 25: $("$JAVA25" -version 2>&1 | head -1)"
echo "jar: $(basename "$JAR") ($(git rev-parse --short HEAD 2>/dev/null || echo '?'))"

start_once "first start (demo data)" "$WORK/dakehu" DakehuApplication "$JAVA17" -jar "$JAR"
# The fast start makes its archive on its first call per Java version: done here, outside the measured rounds.
JAVA_HOME=$(dirname "$(dirname "$JAVA17")") start_once "fast 17 (archive made)" "$WORK/dakehu" DakehuApplication "$FAST"
[ -n "$JAVA25" ] && JAVA_HOME=$(dirname "$(dirname "$JAVA25")") start_once "fast 25 (archive made)" "$WORK/dakehu" DakehuApplication "$FAST"
rm -f "$RESULTS"

for round in $(seq 1 "$ROUNDS"); do
  echo "round $round"
  start_once "yardstick 17" "$WORK/yardstick" Yardstick "$JAVA17" -jar "$YARD"
  start_once "dakehu 17" "$WORK/dakehu" DakehuApplication "$JAVA17" -jar "$JAR"
  JAVA_HOME=$(dirname "$(dirname "$JAVA17")") start_once "dakehu fast 17" "$WORK/dakehu" DakehuApplication "$FAST"
  if [ -n "$JAVA25" ]; then
    start_once "yardstick 25" "$WORK/yardstick" Yardstick "$JAVA25" -jar "$YARD"
    start_once "dakehu 25" "$WORK/dakehu" DakehuApplication "$JAVA25" -jar "$JAR"
    JAVA_HOME=$(dirname "$(dirname "$JAVA25")") start_once "dakehu fast 25" "$WORK/dakehu" DakehuApplication "$FAST"
  fi
done

echo "medians of $ROUNDS rounds (ready s, RSS MB, CPU s; ratio = ready / yardstick 17's ready in the same run):"
awk '{ key = $1; n[key]++; r[key, n[key]] = $2; m[key, n[key]] = $3; c[key, n[key]] = $4 }
  function median(a, k, cnt,   i, j, t, v) {
    for (i = 1; i <= cnt; i++) v[i] = a[k, i]
    for (i = 1; i <= cnt; i++) for (j = i + 1; j <= cnt; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return cnt % 2 ? v[(cnt + 1) / 2] : (v[cnt / 2] + v[cnt / 2 + 1]) / 2
  }
  END {
    base = median(r, "yardstick_17", n["yardstick_17"])
    for (k in n) { label = k; gsub(/_/, " ", label); printf "  %-16s ready %6.2f s  RSS %4d MB  CPU %5.1f s  ratio %.2f\n", label, median(r, k, n[k]), median(m, k, n[k]), median(c, k, n[k]), median(r, k, n[k]) / base }
  }' "$RESULTS" | sort
