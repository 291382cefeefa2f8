// Validates rendered Kubernetes manifests (multi-document YAML files given as arguments)
// against the Kubernetes OpenAPI schemas bundled in kubernetes-models, and the CloudNativePG
// and Prometheus Operator resources against their CRD schemas. Offline: no cluster is contacted. Exits 1 on any error.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import Ajv from 'ajv';

// StackGres (overlays/sharded) has no models package: its kinds are checked against
// schemas/stackgres.json, hozon's own schema of the fields it uses.
const stackgres = JSON.parse(readFileSync(new URL('./schemas/stackgres.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema({ $id: 'stackgres', definitions: stackgres.definitions });
function stackgresModel(kind) {
  if (!stackgres[kind]) return undefined;
  const check = ajv.compile({ ...JSON.parse(JSON.stringify(stackgres[kind]).replaceAll('"#/definitions/', '"stackgres#/definitions/')) });
  return class {
    constructor(obj) { this.obj = obj; }
    validate() {
      if (!check(this.obj)) throw new Error(ajv.errorsText(check.errors));
    }
  };
}

function modulePath(apiVersion) {
  if (apiVersion === 'postgresql.cnpg.io/v1') return '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1';
  if (apiVersion === 'monitoring.coreos.com/v1') return '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
  return `kubernetes-models/${apiVersion}`;
}

let failures = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const obj = doc.toJS();
    if (!obj) continue;
    const where = `${file}: ${obj.kind} ${obj.metadata?.name}`;
    let Model;
    try {
      Model = obj.apiVersion?.startsWith('stackgres.io/') ? stackgresModel(obj.kind)
          : (await import(modulePath(obj.apiVersion)))[obj.kind];
    } catch (e) {
      Model = undefined;
    }
    if (!Model) {
      console.error(`${where}: no schema for ${obj.apiVersion} ${obj.kind}`);
      failures++;
      continue;
    }
    try {
      new Model(obj).validate();
      checked++;
    } catch (e) {
      console.error(`${where}: ${e.message}`);
      failures++;
    }
  }
}
console.log(`${checked} objects valid, ${failures} invalid`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
