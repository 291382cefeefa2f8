#!/usr/bin/env bash
# Check (not a test), issue #22: the suite on a Citus 13 coordinator — distribution, README
# walk-through, AP/CP look-ups with their EXPLAIN task counts, look-up p50/p99, ingest rate.
# Usage: HOZON_CITUS_URL=jdbc:postgresql://coordinator:5432/hozon [HOZON_CITUS_USER=hozon]
#        [HOZON_CITUS_PASSWORD=…] bench/citus-check.sh [look-ups (default 500)] [sessions (default 20000)]
# The database must have the citus extension (CREATE EXTENSION citus, workers added) and no
# hozon schemas yet, or ones a previous check left (each run uses fresh names). Without
# HOZON_CITUS_URL the same check runs on the embedded plain PostgreSQL, for comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -DskipTests -DskipDeployChecks package
exec java ${HOZON_BENCH_OPTS:-} -Dhozon.root=. -cp hozon-suite/target/hozon-suite.jar hozon.suite.bench.CitusCheck "$@"
