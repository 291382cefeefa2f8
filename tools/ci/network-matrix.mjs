// Evaluates the NetworkPolicies of a rendered overlay the way Kubernetes does and compares the
// result with the intended matrix (deploy/k8s/network-matrix.yaml), both ways: every listed
// connection must be allowed, every other (source, destination, port) must be denied.
//
// Kubernetes semantics implemented (networking.k8s.io/v1): a policy applies to the pods its
// podSelector selects in its namespace, for the policyTypes it names; a pod selected by no
// policy of a type is not isolated for that direction. An isolated pod's traffic is allowed
// if any rule of any policy selecting it allows it (union). A rule's peers: podSelector (same
// namespace as the policy), namespaceSelector (+ podSelector: both must match), ipBlock (cidr
// minus except; addresses outside the cluster only — pod addresses are not in these ranges).
// No peers = any peer; no ports = every port; a port without protocol is TCP; named ports are
// resolved against the destination's containerPorts. A connection happens only if the
// source's egress and the destination's ingress both allow it.
//
// Usage: node network-matrix.mjs <matrix.yaml> <overlay-name>=<rendered.yaml> ...
import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';

const [matrixFile, ...renders] = process.argv.slice(2);
const matrix = parse(readFileSync(matrixFile, 'utf8'));
let failures = 0;

function selects(selector, labels) {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[k] !== String(v)) return false;
  }
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = (e.values ?? []).map(String);
    if (e.operator === 'In' && !(has && values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && values.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function ipToInt(ip) {
  return ip.split('.').reduce((a, o) => (a * 256) + Number(o), 0);
}

function inCidr(ip, cidr) {
  if (ip.includes(':') || cidr.includes(':')) return false; // the matrix uses IPv4 only
  const [base, len] = cidr.split('/');
  const bits = Number(len);
  const size = 2 ** (32 - bits);
  return Math.floor(ipToInt(ip) / size) === Math.floor(ipToInt(base) / size);
}

function peerMatches(peer, policyNs, other) {
  if (peer.ipBlock) {
    if (!other.ip) return false;
    return inCidr(other.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some(c => inCidr(other.ip, c));
  }
  if (!other.labels) return false; // an address outside the cluster: only ipBlocks match it
  if (peer.namespaceSelector) {
    if (!selects(peer.namespaceSelector, other.namespaceLabels)) return false;
  } else if (other.namespace !== policyNs) {
    return false;
  }
  return selects(peer.podSelector, other.labels);
}

function portMatches(rulePorts, dest, port, protocol) {
  if (!rulePorts || rulePorts.length === 0) return true;
  return rulePorts.some(p => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    const n = typeof p.port === 'string' && !/^\d+$/.test(p.port) ? dest.named?.[p.port] : Number(p.port);
    const end = p.endPort ?? n;
    return n !== undefined && port >= n && port <= end;
  });
}

function allowedOneWay(policies, subject, other, dest, port, protocol, type) {
  if (!subject.labels) return true; // an address outside the cluster has no policies
  const applying = policies.filter(p => p.metadata.namespace === subject.namespace
      && (p.spec.policyTypes ?? ['Ingress']).includes(type) && selects(p.spec.podSelector, subject.labels));
  if (applying.length === 0) return true;
  const rulesKey = type === 'Ingress' ? 'ingress' : 'egress';
  const peersKey = type === 'Ingress' ? 'from' : 'to';
  return applying.some(p => (p.spec[rulesKey] ?? []).some(rule =>
      portMatches(rule.ports, dest, port, protocol)
      && (!rule[peersKey] || rule[peersKey].length === 0 || rule[peersKey].some(peer => peerMatches(peer, p.metadata.namespace, other)))));
}

for (const arg of renders) {
  const [overlay, file] = arg.split('=');
  const docs = parseAllDocuments(readFileSync(file, 'utf8')).map(d => d.toJS()).filter(Boolean);
  const policies = docs.filter(d => d.kind === 'NetworkPolicy');
  const ns = policies[0]?.metadata?.namespace;
  if (!ns) {
    console.error(`${overlay}: no namespaced NetworkPolicy rendered`);
    failures++;
    continue;
  }
  const nsLabels = n => ({ 'kubernetes.io/metadata.name': n });
  const endpoints = [];
  for (const d of docs.filter(d => d.kind === 'Deployment')) {
    const containers = d.spec.template.spec.containers ?? [];
    const named = {};
    const ports = [];
    for (const c of containers) {
      for (const p of c.ports ?? []) {
        ports.push(`${p.containerPort}/${p.protocol ?? 'TCP'}`);
        if (p.name) named[p.name] = p.containerPort;
      }
    }
    endpoints.push({ name: d.metadata.name, namespace: ns, namespaceLabels: nsLabels(ns),
      labels: d.spec.template.metadata.labels ?? {}, ports, named, inside: true });
  }
  for (const d of docs.filter(d => d.kind === 'Cluster' && d.apiVersion?.startsWith('postgresql.cnpg.io'))) {
    endpoints.push({ name: d.metadata.name, namespace: ns, namespaceLabels: nsLabels(ns),
      labels: { 'cnpg.io/cluster': d.metadata.name, 'cnpg.io/podRole': 'instance',
        ...(d.spec.inheritedMetadata?.labels ?? {}) },
      ports: ['5432/TCP', '8000/TCP', '9187/TCP'], named: { postgresql: 5432, status: 8000, metrics: 9187 }, inside: true });
  }
  // StackGres (overlays/sharded): the Citus coordinator's and the shards' pods, one endpoint
  // (they share their labels): PostgreSQL, Patroni's REST API, the metrics exporter.
  for (const d of docs.filter(d => d.kind === 'SGShardedCluster')) {
    endpoints.push({ name: d.metadata.name, namespace: ns, namespaceLabels: nsLabels(ns),
      labels: { app: 'StackGresCluster', ...(d.spec.metadata?.labels?.clusterPods ?? {}) },
      ports: ['5432/TCP', '8008/TCP', '9187/TCP'], named: {}, inside: true });
  }
  for (const [name, a] of Object.entries(matrix.actors)) {
    const where = a.namespace === 'SELF' ? ns : a.namespace;
    endpoints.push({ name, namespace: where, namespaceLabels: { ...nsLabels(where), ...(a.namespaceLabels ?? {}) },
      labels: a.labels, ports: a.ports ?? [], named: {}, inside: where === ns });
  }
  for (const [name, a] of Object.entries(matrix.addresses)) {
    endpoints.push({ name, ip: a.ip[overlay], ports: a.ports, named: {}, inside: false });
  }
  // A line may end in "[overlay,…]": intended in those overlays only.
  const expected = new Set(matrix.allowed.flatMap(s => {
    const m = /^(\S+) -> ([^:]+):(\d+)(?:\/(TCP|UDP))?(?: \[([a-z,]+)\])?$/.exec(s);
    if (!m) throw new Error(`bad matrix line: ${s}`);
    if (m[5] && !m[5].split(',').includes(overlay)) return [];
    return [`${m[1]} -> ${m[2]}:${m[3]}/${m[4] ?? 'TCP'}`];
  }));
  const seen = new Set();
  let allowed = 0;
  let denied = 0;
  for (const src of endpoints.filter(e => e.labels)) {
    for (const dst of endpoints) {
      if (src === dst && !src.name.startsWith('hozon-')) continue;
      if (!src.inside && !dst.inside) continue;
      for (const p of dst.ports) {
        const [port, protocol] = p.split('/');
        const key = `${src.name} -> ${dst.name}:${port}/${protocol}`;
        const ok = allowedOneWay(policies, src, dst, dst, Number(port), protocol, 'Egress')
            && allowedOneWay(policies, dst, src, dst, Number(port), protocol, 'Ingress');
        seen.add(key);
        if (ok) allowed++; else denied++;
        if (ok && !expected.has(key)) {
          console.error(`${overlay}: ALLOWED but not intended: ${key}`);
          failures++;
        } else if (!ok && expected.has(key)) {
          console.error(`${overlay}: DENIED but intended: ${key}`);
          failures++;
        }
      }
    }
  }
  for (const key of expected) {
    if (!seen.has(key)) {
      console.error(`${overlay}: the matrix names ${key}, which no endpoint of the overlay has`);
      failures++;
    }
  }
  console.log(`network matrix ${overlay}: ${allowed} allowed, ${denied} denied, over ${endpoints.length} endpoints`);
}
process.exit(failures === 0 ? 0 : 1);
