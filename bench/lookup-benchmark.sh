#!/usr/bin/env bash
# Benchmark (not a test): AP look-up behind CGN through ingest-service vs. the same chain as SQL, on N sessions + N port blocks.
# Usage: bench/lookup-benchmark.sh [rows (default 20000000)] [look-ups (default 5000)] [day partitions (default 10)]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -DskipTests -DskipDeployChecks package
exec java ${HOZON_BENCH_OPTS:-} -Dhozon.root=. -cp hozon-suite/target/hozon-suite.jar hozon.suite.bench.LookupBenchmark "$@"
