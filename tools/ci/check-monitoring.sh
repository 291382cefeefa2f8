#!/usr/bin/env bash
# The alert rules shipped in deploy/ (PrometheusRule, rendered from the prod overlay): checked
# and unit-tested with Prometheus's own promtool (Debian package "prometheus").
# Usage: check-monitoring.sh <rendered-prod.yaml>
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
if ! command -v promtool >/dev/null 2>&1; then
  echo "promtool is missing: apt-get install prometheus (tools/ci/install-feed-daemons.sh does)" >&2
  exit 1
fi
work="$(mktemp -d)"
node "$root/tools/ci/extract-rules.mjs" "$1" "$work/hozon-rules.yaml"
cp "$root/deploy/k8s/base/monitoring/prometheusrule.test.yaml" "$work/"
promtool check rules "$work/hozon-rules.yaml"
(cd "$work" && promtool test rules prometheusrule.test.yaml)
python3 -m json.tool "$root/deploy/k8s/base/monitoring/hozon-dashboard.json" >/dev/null
echo "monitoring checks passed"
