/**
 * Inventory benchmark (npm run bench -- inventory): time and peak memory of `modelgate inventory`
 * merging 5,000 generated check reports (~40 findings each; the mix is printed, and made in
 * inventory-reports.ts from real reports of `modelgate check`), run as users run it: the bundled
 * CLI on the system Node. Beside it, the floors: one bare Node process that only reads and
 * JSON.parses every file, one that also validates each with the report's zod schema, and one
 * that keeps every parsed report (what holding them all would cost). Then the inventory on a
 * quarter and a half of the reports, so the memory per report shows, and once each as HTML, CSV
 * and Markdown. Prints figures; asserts nothing.
 * Usage: node bench/inventory.ts [--reports N] [--runs N] [--keep] [--cli dist/cli.js]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { generateReports, NOW, templates, type Mix } from './inventory-reports.ts';
import { measure, median, type Measure } from './measure.ts';

const { values } = parseArgs({ options: { reports: { type: 'string', default: '5000' }, runs: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false }, cli: { type: 'string' } } });
const REPORTS = Number(values.reports);
const RUNS = Number(values.runs);
const NODE = existsSync('/usr/bin/node') ? '/usr/bin/node' : process.execPath;
const CLI = path.resolve(values.cli ?? 'dist/cli.js');
const CATALOG = path.join(path.dirname(CLI), 'catalog.json');
const ENV = { ...process.env, MODELGATE_NOW: NOW };

/** The floor, run on the same Node as the CLI: read every report (8 at a time, as the inventory does) and parse it. */
const FLOOR = `import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
const [dir, mode, schemaFile] = process.argv.slice(2);
const schema = mode === 'zod' ? (await import(schemaFile)).CheckReportSchema : null;
const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => path.join(e.parentPath, e.name)).sort();
const held = [];
let next = 0, findings = 0;
await Promise.all(Array.from({ length: 8 }, async () => {
  while (next < files.length) {
    const file = files[next++];
    const json = JSON.parse(await readFile(file, 'utf8'));
    if (schema && !schema.safeParse(json).success) throw new Error(file + ': not a check report');
    if (mode === 'hold') held.push(json);
    findings += json.findings.length;
  }
}));
console.log(files.length + ' reports, ' + findings + ' findings' + (held.length ? ', ' + held.length + ' held' : ''));
`;

const pc = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const fmt = (n: number) => n.toLocaleString('en-US');

function describe(mix: Mix): void {
  const f = mix.findings;
  console.log(`${fmt(mix.reports)} reports of ${fmt(mix.repositories)} repositories (${fmt(mix.withTwo)} with 2 reports, ${fmt(mix.withThree)} with 3: ${fmt(mix.reports - mix.repositories)} superseded; ${mix.legacy} older reports without repository/commit, named after their file)`);
  console.log(`${fmt(f)} findings (${(f / mix.reports).toFixed(1)} per report), ${mb(mix.bytes)} of JSON (${(mix.bytes / mix.reports / 1024).toFixed(0)} KB per report, as \`check --format json\` writes it), ${fmt(mix.distinctIds)} distinct ids, ${fmt(mix.failingReports)} reports with exit 1`);
  const c = mix.byCategory;
  console.log(`ids: commercial ${pc(c.commercial, f)}, commercial Partner API ${pc(c.partner, f)}, deprecated ${pc(c.deprecated, f)}, unknown label ${pc(c['unknown-label'], f)}, research-only ${pc(c.research, f)}, private ${pc(c.private, f)}, not in the catalog ${pc(c['not-in-catalog'], f)}, dynamic ${pc(c.dynamic, f)}`);
  const u = mix.byUsage;
  console.log(`usage: source ${pc(u.source, f)}, test ${pc(u.test, f)}, example ${pc(u.example, f)}, docs ${pc(u.docs, f)}`);
  const s = mix.byStatus;
  console.log(`status: pass ${pc(s.pass, f)}, warn ${pc(s.warn, f)}, fail ${pc(s.fail, f)}, waived ${pc(s.waived, f)}`);
  console.log(`waivers: ${fmt(mix.waivers)} in the reports (${fmt(mix.waiversExpiredInReport)} already expired when their report was made; the others expire from 90 days before to 240 days after the inventory's day, ${NOW.slice(0, 10)})`);
}

function row(name: string, ms: Measure[], extra = ''): string {
  const s = ms.map((m) => m.seconds);
  const range = ms.length > 1 ? ` (${Math.min(...s).toFixed(2)}–${Math.max(...s).toFixed(2)})` : '';
  return `| ${name} | ${median(s).toFixed(2)} s${range} | ${median(ms.map((m) => m.cpuSeconds)).toFixed(2)} s | ${Math.max(...ms.map((m) => m.maxRssMb)).toFixed(0)} MB | ${extra} |`;
}

function exitOk(name: string, ms: Measure[]): void {
  const bad = ms.find((m) => m.exit !== 0);
  if (bad) throw new Error(`${name} exited ${bad.exit}: ${bad.stderr.slice(0, 500)}`);
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['scripts/build-cli.ts'], { stdio: 'inherit' });
  if (!existsSync('/usr/bin/time')) throw new Error('needs GNU time: apt-get install -y time');
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'mg-inv-bench-'));
  try {
    let t0 = performance.now();
    const t = templates(NODE, CLI, CATALOG, tmp);
    console.log(`templates: 3 real \`modelgate check\` reports of generated projects (${fmt(t.plain.size)} + ${fmt(t.waived.size)} + ${fmt(t.expired.size)} findings) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    t0 = performance.now();
    const dir = path.join(tmp, 'reports');
    const mix = generateReports(dir, REPORTS, t);
    console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s at ${dir}\n`);
    describe(mix);

    writeFileSync(path.join(tmp, 'floor.mjs'), FLOOR);
    const schemaFile = path.join(tmp, 'check-report-schema.mjs');
    await build({ entryPoints: [path.join(import.meta.dirname, '../src/core/schema/check-report.ts')], bundle: true, format: 'esm', platform: 'node', outfile: schemaFile, logLevel: 'error' });
    const floor = (mode: string) => measure(NODE, [path.join(tmp, 'floor.mjs'), dir, mode, schemaFile]);
    const out = path.join(tmp, 'inventory');
    const inventory = (format: string, inputs = [dir]) => measure(NODE, [CLI, 'inventory', ...inputs, '--format', format, '--output', `${out}${inputs[0] === dir ? '' : '-part'}.${format}`], ENV);

    console.log(`\nload: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} cores; other work shares them, so figures are noisy)`);
    floor('parse'); // warms the page cache: every run below reads from memory
    const parse: Measure[] = [];
    const zod: Measure[] = [];
    const json: Measure[] = [];
    for (let i = 0; i < RUNS; i++) {
      parse.push(floor('parse'));
      zod.push(floor('zod'));
      json.push(inventory('json'));
    }
    exitOk('floor', [...parse, ...zod]);
    exitOk('inventory --format json', json);
    const hold = [floor('hold')];
    const html = [inventory('html')];
    const csv = [inventory('csv')];
    const markdown = [inventory('markdown')];
    exitOk('inventory', [...hold, ...html, ...csv, ...markdown]);
    const shards = mix.shards.map((_, i) => path.join(dir, `shard-${i}`));
    // The same on a quarter and a half of the reports: what memory each report adds, with the
    // JSON output (one string of the whole inventory) and with Markdown (a small output, so
    // mostly what reading and merging keep).
    const counts = [mix.shards[0]!, mix.shards[0]! + mix.shards[1]!];
    const partsJson = [1, 2].map((k) => inventory('json', shards.slice(0, k)));
    const partsMd = [1, 2].map((k) => inventory('markdown', shards.slice(0, k)));
    exitOk('inventory on part of the reports', [...partsJson, ...partsMd]);

    const size = (f: string) => mb(statSync(`${out}.${f}`).size);
    const full = median(json.map((m) => m.seconds));
    const fullCpu = median(json.map((m) => m.cpuSeconds));
    console.log(`\n| ${fmt(REPORTS)} reports, ${fmt(mix.findings)} findings, ${mb(mix.bytes)} (Node ${execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim()}) | wall time (median of ${RUNS}, min–max) | CPU time (user + sys) | peak RSS | |`);
    console.log('|---|---|---|---|---|');
    console.log(row('`modelgate inventory --format json`', json, `${(REPORTS / full).toFixed(0)} reports/s, ${(mix.bytes / 1024 / 1024 / full).toFixed(0)} MB/s; output ${size('json')}`));
    const share = (ms: Measure[]) => `${pc(median(ms.map((m) => m.seconds)), full)} of the inventory's wall time, ${pc(median(ms.map((m) => m.cpuSeconds)), fullCpu)} of its CPU time`;
    console.log(row('floor: read + JSON.parse every report', parse, share(parse)));
    console.log(row('floor + CheckReportSchema.safeParse (zod)', zod, share(zod)));
    console.log(row('read + JSON.parse, keeping every report', hold, 'what holding them all would cost'));
    console.log(row('`--format html` (once)', html, `output ${size('html')}`));
    console.log(row('`--format csv` (once)', csv, `output ${size('csv')}`));
    console.log(row('`--format markdown` (once)', markdown, `output ${size('markdown')}`));
    for (const [i, n] of counts.entries()) {
      console.log(row(`\`--format json\` on ${fmt(n)} reports (once)`, [partsJson[i]!]));
      console.log(row(`\`--format markdown\` on ${fmt(n)} reports (once)`, [partsMd[i]!]));
    }
    const peak = (ms: Measure[]) => Math.max(...ms.map((m) => m.maxRssMb));
    const slope = (small: Measure, all: Measure[]) => ((peak(all) - peak([small])) / ((REPORTS - counts[0]!) / 1000)).toFixed(0);
    console.log(`\npeak RSS per 1,000 more reports (${fmt(counts[0]!)} → ${fmt(REPORTS)}): ${slope(partsJson[0]!, json)} MB with --format json, ${slope(partsMd[0]!, markdown)} MB with --format markdown; 1,000 reports are ${mb((mix.bytes / REPORTS) * 1000)} of JSON`);

    const inv = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as { summary: Record<string, number | string[]>; superseded: unknown[] };
    const s = inv.summary;
    const len = (k: string) => (s[k] as string[]).length;
    console.log(`inventory: ${fmt(s.repositories as number)} repositories (${fmt(s.failingRepositories as number)} failing), ${fmt(inv.superseded.length)} superseded reports, ${fmt(s.models as number)} models, ${fmt(s.callSites as number)} call sites, ${fmt(s.dynamicSites as number)} dynamic; research-only ${len('research')}, private ${len('private')}, unknown ${len('unknown')}, Partner API ${len('partner')} ids; waivers expired ${fmt(s.waiversExpired as number)}, expiring within 30 days ${fmt(s.waiversExpiring as number)}`);
    if (s.repositories !== mix.repositories || inv.superseded.length !== mix.reports - mix.repositories) throw new Error(`the inventory merged ${s.repositories} repositories and ${inv.superseded.length} superseded reports; ${mix.repositories} and ${mix.reports - mix.repositories} were generated`);
  } finally {
    if (values.keep) console.log(`kept ${tmp}`);
    else await rm(tmp, { recursive: true, force: true });
  }
}

await main();
