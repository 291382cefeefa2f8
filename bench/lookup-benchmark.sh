#!/usr/bin/env bash
# Benchmark (not a test): AP look-up through ingest-service vs. the same SQL, on N sessions.
# Usage: bench/lookup-benchmark.sh [rows (default 20000000)] [look-ups (default 2000)]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -DskipTests -DskipDeployChecks package
exec java -Dhozon.root=. -cp hozon-suite/target/hozon-suite.jar hozon.suite.bench.LookupBenchmark "$@"
