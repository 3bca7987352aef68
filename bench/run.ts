/**
 * npm run bench: every benchmark, one after the other (they share two cores, so never in
 * parallel). Figures only; nothing is asserted. `npm run bench -- gate`, `-- site` or
 * `-- inventory` runs one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const only = process.argv[2];
const benches = [
  { name: 'gate', file: 'bench/gate.ts' },
  { name: 'site', file: 'bench/site.ts' },
  { name: 'inventory', file: 'bench/inventory.ts' },
].filter((b) => !only || b.name === only);

let failed = 0;
for (const b of benches) {
  if (!existsSync(b.file)) continue;
  console.log(`\n## ${b.name} (${b.file})\n`);
  const r = spawnSync(process.execPath, [b.file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
