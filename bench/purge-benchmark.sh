#!/usr/bin/env bash
# Benchmark (not a test): expiring one day of AP sessions by partition drop through
# ingest-service, versus DELETE of the same rows. Usage: bench/purge-benchmark.sh [rows ...]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -DskipTests package
exec java -Dhozon.root=. -cp hozon-suite/target/hozon-suite.jar hozon.suite.bench.PurgeBenchmark "$@"
