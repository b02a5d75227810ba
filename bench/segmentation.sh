#!/usr/bin/env bash
# Segmentation benchmark (PERFORMANCE.md P1): generates seeded, skewed data inside an embedded PostgreSQL 18
# (zonky binaries, as the tests use), then times full segmentation runs against the bare aggregate + rank SQL in
# the same JVM, alternating, and prints the medians, the ratio and the JVM heap.
# Usage: bench/segmentation.sh [accounts] [order lines] [repetitions] [jdbc-url]
#   bench/segmentation.sh                      # 1M accounts, 10M lines, 3 rounds
#   bench/segmentation.sh 100000 1000000 3     # the quick run
# With a JDBC URL it uses that database instead (BENCH_DB_USER / BENCH_DB_PASSWORD); it must be empty.
set -euo pipefail
cd "$(dirname "$0")/.."
ACCOUNTS=${1:-1000000}
LINES=${2:-10000000}
REPEATS=${3:-3}
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
# A modest heap on purpose: the run must not need memory that grows with the data.
exec /usr/bin/time -v java -Xmx512m -cp "$CP" io.dakehu.segmentation.SegmentationBenchmark \
  "$ACCOUNTS" "$LINES" "$REPEATS" ${4:+"$4"}
