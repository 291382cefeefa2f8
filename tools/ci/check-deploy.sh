#!/usr/bin/env bash
# Offline checks of what we ship besides code: the Kubernetes overlays render and validate
# against the Kubernetes (CloudNativePG, Prometheus Operator, StackGres) schemas, their NetworkPolicies
# give exactly the intended connection matrix, the alert rules pass their promtool unit tests,
# and every service's OpenAPI document,
# exported by the build, lints clean with Spectral (spectral:oas, warnings fail too).
# Run by the Maven build (module hozon-deploy-checks) after the services are packaged.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root/tools/ci"
npm ci --no-audit --no-fund --loglevel=error
out="$(mktemp -d)"
for overlay in dev prod sharded; do
  # A kubeconfig that does not exist: kubectl must never reach for a cluster.
  KUBECONFIG="$out/none" kubectl kustomize "$root/deploy/k8s/overlays/$overlay" > "$out/$overlay.yaml"
  echo "rendered overlay $overlay: $(grep -c '^kind:' "$out/$overlay.yaml") objects"
done
node validate-k8s.mjs "$out/dev.yaml" "$out/prod.yaml" "$out/sharded.yaml"
node network-matrix.mjs "$root/deploy/k8s/network-matrix.yaml" dev="$out/dev.yaml" prod="$out/prod.yaml" \
  sharded="$out/sharded.yaml"
bash "$root/tools/ci/check-monitoring.sh" "$out/prod.yaml"
for svc in policy-service ingest-service purge-service; do
  npx spectral lint "$root/$svc/target/openapi/openapi.yaml" --ruleset .spectral.yaml --fail-severity=warn
done
echo "deploy checks passed"
