// Scanner accuracy on the hand-written fixture projects: one row per fixture,
// then totals. Run: npm run scan:precision
import { catalogLookup, fixtureNames, FIXTURES_DIR, HOLDOUT2_DIR, HOLDOUT3_DIR, HOLDOUT_DIR, loadCatalogIds, runFixture, totals } from '../tests/unit/scan/fixture-harness.ts';

const isKnown = catalogLookup(loadCatalogIds());
for (const [title, root] of [['development set (written with the scanner)', FIXTURES_DIR], ['holdout set 1 (written blind, from the specification; the scanner was then tuned on it)', HOLDOUT_DIR], ['holdout set 2 (written blind after that tuning; first measured untouched, then also used for fixes)', HOLDOUT2_DIR], ['holdout set 3 (written blind after all tuning; never used for a fix)', HOLDOUT3_DIR]] as const) {
const results = [];
for (const name of fixtureNames(root)) results.push(await runFixture(name, isKnown, root));
const gate = [];
for (const name of fixtureNames(root)) gate.push(await runFixture(name, isKnown, root, 'gate'));
console.log(`\n## ${title}\n`);

const pct = (n: number): string => (n * 100).toFixed(1).padStart(6);
const width = Math.max(...results.map((r) => r.name.length), 7);
console.log(`${'fixture'.padEnd(width)}  expected  found  matched  precision  recall`);
for (const r of results) {
  const p = r.actual.length === 0 ? 1 : r.truePositives / r.actual.length;
  const rc = r.expected.length === 0 ? 1 : r.truePositives / r.expected.length;
  console.log(`${r.name.padEnd(width)}  ${String(r.expected.length).padStart(8)}  ${String(r.actual.length).padStart(5)}  ${String(r.truePositives).padStart(7)}  ${pct(p)}%  ${pct(rc)}%`);
  for (const m of r.missing) console.log(`    missing  ${m.file}:${m.line}:${m.column} ${m.kind} ${m.id}`);
  for (const u of r.unexpected) console.log(`    extra    ${u.file}:${u.line}:${u.column} ${u.kind} ${u.id}`);
}
const t = totals(results);
console.log(`\n${results.length} fixtures, ${t.expected} expected findings, ${t.found} found, ${t.tp} matched`);
console.log(`strict (file, line, id and kind): precision ${(t.precision).toFixed(4)}  recall ${(t.recall).toFixed(4)}  F1 ${(t.f1).toFixed(4)}`);
const g = totals(gate);
console.log(`as the gate sees it (file, line and id; call and reference alike): precision ${(g.precision).toFixed(4)}  recall ${(g.recall).toFixed(4)}  F1 ${(g.f1).toFixed(4)}`);
}
