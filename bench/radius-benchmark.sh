#!/usr/bin/env bash
# Benchmark (not a test), issue #19: per-packet RADIUS accounting into real FreeRADIUS, rlm_rest → hozon
# against FreeRADIUS's stock rlm_sql → radacct in the same PostgreSQL; packets/s, p50/p99, duplicates stored.
# Usage: bench/radius-benchmark.sh [sessions (default 3000)] [window (default 32)] [resend % (default 5)] [sessions per warm-up round (default: as many as measured; rounds until the rate settles, -Dhozon.bench.radius-warm-up-rounds=N minimum, via HOZON_BENCH_OPTS)]
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/ci/install-feed-daemons.sh
./mvnw -B -ntp -q -DskipTests -DskipDeployChecks package
exec java ${HOZON_BENCH_OPTS:-} -Dhozon.root=. -cp hozon-suite/target/hozon-suite.jar hozon.suite.bench.RadiusBenchmark "$@"
