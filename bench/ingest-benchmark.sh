#!/usr/bin/env bash
# Benchmark (not a test): N AP sessions over HTTP NDJSON vs raw COPY into an identical table,
# then one ≥ 1 GiB NDJSON body with ingest-service's heap sampled.
# Usage: bench/ingest-benchmark.sh [records (default 5000000)] [parallel streams (default 4)] [big body GiB (default 1)]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -DskipTests -DskipDeployChecks package
exec java -Dhozon.root=. -cp hozon-suite/target/hozon-suite.jar hozon.suite.bench.IngestBenchmark "$@"
