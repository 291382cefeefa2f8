// Writes the spec of every PrometheusRule in a rendered overlay as a plain Prometheus rule file
// (what promtool reads): node extract-rules.mjs <rendered.yaml> <out.yaml>
import { readFileSync, writeFileSync } from 'node:fs';
import { parseAllDocuments, stringify } from 'yaml';

const [input, output] = process.argv.slice(2);
const groups = parseAllDocuments(readFileSync(input, 'utf8')).map(d => d.toJS())
  .filter(d => d && d.kind === 'PrometheusRule').flatMap(d => d.spec.groups);
if (groups.length === 0) {
  console.error(`${input}: no PrometheusRule`);
  process.exit(1);
}
writeFileSync(output, stringify({ groups }));
