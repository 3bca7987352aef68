/**
 * Check reports for the inventory benchmark. Real reports of `modelgate check --format json` on
 * small generated projects (every catalog id called from source, test, example and docs files in
 * TypeScript and Python, unwaived, under a live waiver and under an expired one) are the
 * templates; from their findings, thousands of repositories' reports are written: seeded, so
 * every run writes the same bytes for the same catalog, and shaped like the CI artifacts of an
 * organisation (a few models per repository, most of them commercial, a long tail of others).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckReport } from '../src/core/schema/check-report.ts';

type Finding = CheckReport['findings'][number];
type Usage = Finding['usage'];
type Lang = 'ts' | 'py';

/** What the mix is drawn in: a catalog id's kind of facts, an id the catalog lacks, or a dynamic id. */
export type Category = 'commercial' | 'partner' | 'deprecated' | 'research' | 'private' | 'unknown-label' | 'not-in-catalog' | 'dynamic';

/** The inventory's day: reports are dated before it, waivers expire around it. */
export const NOW = '2026-12-15T00:00:00.000Z';
const DAY = 86_400_000;

/** Share of a repository's models per category (dynamic ids are drawn per repository apart). */
const MODEL_MIX: [Exclude<Category, 'dynamic'>, number][] = [
  ['commercial', 0.62], ['partner', 0.18], ['unknown-label', 0.07], ['research', 0.04], ['not-in-catalog', 0.04], ['private', 0.03], ['deprecated', 0.02],
];
const USAGE_MIX: [Usage, number][] = [['source', 0.7], ['test', 0.18], ['example', 0.08], ['docs', 0.04]];
const USAGE_DIR: Record<Usage, string> = { source: 'src', test: 'tests', example: 'examples', docs: 'docs' };
/** Ids no catalog lists: an organisation's own deployments and ids mistyped or long gone. */
const NOT_IN_CATALOG = ['acme-ml/face-swap', 'acme-ml/product-shots', 'acme-ml/voice-clone', 'fal-ai/internal-upscaler', 'fal-ai/sdxl-acme-finetune', 'fal-ai/old-flux-pro-preview', 'fal-ai/stable-diffusion-v9', 'fal-ai/whisper-xxl', 'acme-vision/ocr-receipts', 'acme-vision/logo-detect'];

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
function weighted<T>(rand: () => number, xs: readonly [T, number][]): T {
  let u = rand() * xs.reduce((n, [, w]) => n + w, 0);
  for (const [x, w] of xs) if ((u -= w) < 0) return x;
  return xs.at(-1)![0];
}
function shuffle<T>(rand: () => number, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
const hex = (rand: () => number, n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface Templates {
  /** `id|usage|lang` → a real finding (`dynamic` for the dynamic call). */
  plain: Map<string, Finding>;
  /** Source findings of the ids a waiver can cover, under a live waiver and an expired one. */
  waived: Map<string, Finding>;
  expired: Map<string, Finding>;
  /** Catalog ids by category, in the catalog's order. */
  ids: Map<Category, string[]>;
  report: CheckReport;
}

const key = (id: string | null, usage: Usage, lang: Lang) => `${id ?? 'dynamic'}|${usage}|${lang}`;
const langOf = (file: string): Lang => (file.endsWith('.py') ? 'py' : 'ts');

function categoryOf(f: Finding): Category {
  const m = f.model;
  if (!f.id) return 'dynamic';
  if (!m) return 'not-in-catalog';
  if (m.status !== 'active') return 'deprecated';
  if (m.hostedLabel === 'research' || m.hostedLabel === 'private') return m.hostedLabel;
  if (m.hostedLabel !== 'commercial') return 'unknown-label';
  return m.partnerApi === 'yes' ? 'partner' : 'commercial';
}

function writeProject(dir: string, ids: readonly string[], usages: readonly Usage[]): void {
  const ts = ['import { fal } from "@fal-ai/client";', 'export const byName = (modelId: string, prompt: string) => fal.subscribe(modelId, { input: { prompt } });', ...ids.map((id, i) => `export const g${i} = (prompt: string) => fal.subscribe("${id}", { input: { prompt } });`)];
  const py = ['import fal_client', '', 'def by_name(model_id, prompt):', '    return fal_client.subscribe(model_id, arguments={"prompt": prompt})', ...ids.map((id, i) => `\ndef g${i}(prompt):\n    return fal_client.subscribe("${id}", arguments={"prompt": prompt})`)];
  for (const u of usages) {
    const d = path.join(dir, USAGE_DIR[u]);
    mkdirSync(d, { recursive: true });
    writeFileSync(path.join(d, u === 'test' ? 'gen.test.ts' : 'gen.ts'), `${ts.join('\n')}\n`);
    writeFileSync(path.join(d, u === 'test' ? 'test_gen.py' : 'gen.py'), `${py.join('\n')}\n`);
  }
}

function check(node: string, cli: string, dir: string, now: string): CheckReport {
  const out = path.join(dir, '..', `${path.basename(dir)}-${now.slice(0, 10)}.json`);
  const r = spawnSync(node, [cli, 'check', dir, '--repository', 'bench/template', '--format', 'json', '--output', out], { encoding: 'utf8', env: { ...process.env, MODELGATE_NOW: now } });
  if (r.status !== 0 && r.status !== 1) throw new Error(`template check of ${dir} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(readFileSync(out, 'utf8')) as CheckReport;
}

/** Runs the real gate on the template projects and indexes its findings. */
export function templates(node: string, cli: string, catalogFile: string, tmp: string): Templates {
  const catalogIds = (JSON.parse(readFileSync(catalogFile, 'utf8')) as { models: { id: string }[] }).models.map((m) => m.id);
  const plainDir = path.join(tmp, 'template-plain');
  writeProject(plainDir, [...catalogIds, ...NOT_IN_CATALOG], ['source', 'test', 'example', 'docs']);
  const report = check(node, cli, plainDir, NOW);
  const plain = new Map(report.findings.map((f) => [key(f.id, f.usage, langOf(f.file)), f]));
  const ids = new Map<Category, string[]>();
  for (const f of report.findings) {
    if (f.usage !== 'source' || langOf(f.file) !== 'ts' || !f.id) continue;
    const c = categoryOf(f);
    ids.set(c, [...(ids.get(c) ?? []), f.id]);
  }
  // Only what fails can be waived: the waived project calls those ids from src/ under one waiver each.
  const failing = report.findings.filter((f) => f.usage === 'source' && langOf(f.file) === 'ts' && f.id && f.status === 'fail').map((f) => f.id!);
  const waivedDir = path.join(tmp, 'template-waived');
  writeProject(waivedDir, failing, ['source']);
  const config = failing.map((id) => `  - model: ${id}\n    paths: ["src/**"]\n    reason: bench template\n    approvedBy: legal@acme.example\n    approvedOn: "2026-06-01"\n    expires: "2027-05-31"\n`);
  writeFileSync(path.join(waivedDir, 'modelgate.config.yaml'), `waivers:\n${config.join('')}`);
  const index = (r: CheckReport) => new Map(r.findings.filter((f) => f.waiver).map((f) => [key(f.id, f.usage, langOf(f.file)), f]));
  return { plain, waived: index(check(node, cli, waivedDir, NOW)), expired: index(check(node, cli, waivedDir, '2027-06-15T00:00:00.000Z')), ids, report };
}

export interface Mix {
  reports: number;
  repositories: number;
  withTwo: number;
  withThree: number;
  legacy: number;
  findings: number;
  bytes: number;
  byCategory: Record<Category, number>;
  byUsage: Record<Usage, number>;
  byStatus: Record<Finding['status'], number>;
  waivers: number;
  waiversExpiredInReport: number;
  distinctIds: number;
  failingReports: number;
  /** Report files per shard directory (`shard-<n>`), to measure the inventory on a part. */
  shards: number[];
}

interface Repo {
  name: string;
  runs: number;
  legacy: boolean;
  seed: number;
  shard: number;
}

interface Waiver { id: string; line: number; reason: string; approvedBy: string; approvedOn: string; expires: string; ticket?: string }

const ORGS = ['acme', 'acme', 'acme', 'acme-labs', 'acme-data', 'acme-mobile'];
const WORDS_A = ['web', 'api', 'studio', 'render', 'media', 'growth', 'ads', 'search', 'mobile', 'batch', 'ml', 'content', 'support', 'brand', 'labs', 'shop'];
const WORDS_B = ['frontend', 'service', 'worker', 'pipeline', 'gateway', 'bot', 'tools', 'app', 'jobs', 'sdk', 'portal', 'infra', 'demo', 'experiments'];
const REASONS = ['internal prototype, outputs never published', 'evaluation only, no customer traffic', 'research spike agreed with legal', 'migration to a commercial model in progress', 'licence under negotiation with the vendor'];
const APPROVERS = ['jane@legal.acme.example', 'omar@legal.acme.example', 'li@compliance.acme.example', 'cto@acme.example'];

/** Repositories and how many reports each has: most one, some superseded by one or two newer runs. */
function plan(reports: number, shards: number, rand: () => number): Repo[] {
  const repos: Repo[] = [];
  let left = reports;
  while (left > 0) {
    const u = rand();
    const runs = Math.min(left, u < 0.82 ? 1 : u < 0.96 ? 2 : 3);
    const i = repos.length;
    repos.push({ name: `${pick(rand, ORGS)}/${pick(rand, WORDS_A)}-${pick(rand, WORDS_B)}-${i.toString(36)}`, runs, legacy: runs === 1 && rand() < 0.01, seed: Math.floor(rand() * 2 ** 31), shard: Math.min(shards - 1, Math.floor(((reports - left) * shards) / reports)) });
    left -= runs;
  }
  return repos;
}

/** Catalog ids drawn by popularity: a few models are everywhere, most appear in a handful of repositories. */
function zipf(rand: () => number, n: number): number {
  // Inverse of the continuous Zipf (s = 1) distribution over ranks 1..n.
  return Math.min(n - 1, Math.floor(Math.exp(rand() * Math.log(n + 1)) - 1));
}

/** Writes `reports` reports below `dir` (shard-<n>/<org>/<repo>/report-<run>.json) and says what is in them. */
export function generateReports(dir: string, reports: number, t: Templates, seed = 12): Mix {
  const rand = rng(seed);
  const shardCount = 4;
  const repos = plan(reports, shardCount, rand);
  // Which ids are popular: each category's ids in a seeded shuffle, the first the most used.
  const order = new Map<Category, string[]>([...t.ids].map(([c, ids]) => [c, shuffle(rand, ids)]));
  order.set('not-in-catalog', NOT_IN_CATALOG);
  const base = t.report.catalog;
  const catalogs = [base, { ...base, generatedAt: new Date(Date.parse(base.generatedAt) - 35 * DAY).toISOString(), contentHash: `sha256:${hex(rand, 64)}`, models: base.models - 61 }, { ...base, generatedAt: new Date(Date.parse(base.generatedAt) - 70 * DAY).toISOString(), contentHash: `sha256:${hex(rand, 64)}`, models: base.models - 140 }];
  const mix: Mix = {
    reports, repositories: repos.length, withTwo: repos.filter((r) => r.runs === 2).length, withThree: repos.filter((r) => r.runs === 3).length, legacy: repos.filter((r) => r.legacy).length,
    findings: 0, bytes: 0, waivers: 0, waiversExpiredInReport: 0, distinctIds: 0, failingReports: 0, shards: Array.from({ length: shardCount }, () => 0),
    byCategory: { commercial: 0, partner: 0, deprecated: 0, research: 0, private: 0, 'unknown-label': 0, 'not-in-catalog': 0, dynamic: 0 },
    byUsage: { source: 0, test: 0, example: 0, docs: 0 },
    byStatus: { fail: 0, waived: 0, baselined: 0, warn: 0, pass: 0 },
  };
  const seen = new Set<string>();
  const nowMs = Date.parse(NOW);
  for (const repo of repos) {
    const r = rng(repo.seed);
    // What the repository is: its models, languages, files, waivers and catalog; the same in every run.
    const models: { id: string; category: Category }[] = [];
    for (let k = 2 + Math.floor(r() * 9); models.length < k;) {
      const category = weighted(r, MODEL_MIX);
      const ids = order.get(category)!;
      const id = ids[zipf(r, ids.length)]!;
      if (!models.some((m) => m.id === id)) models.push({ id, category });
    }
    if (r() < 0.25) models.push({ id: 'dynamic', category: 'dynamic' });
    const langs: Lang[] = r() < 0.55 ? ['ts'] : r() < 0.7 ? ['py'] : ['ts', 'py'];
    const files = new Map<Usage, string[]>(USAGE_MIX.map(([u]) => [u, Array.from({ length: 1 + Math.floor(r() * (u === 'source' ? 12 : 4)) }, (_, i) => {
      const lang = pick(r, langs);
      const stem = `${pick(r, WORDS_A)}_${i}`;
      const dir = u === 'source' ? `src/${pick(r, WORDS_B)}` : USAGE_DIR[u];
      return u === 'test' ? (lang === 'py' ? `${dir}/test_${stem}.py` : `${dir}/${stem}.test.ts`) : `${dir}/${stem}.${lang}`;
    })]));
    const waivers = new Map<string, Waiver>();
    for (const m of models) {
      if (m.category === 'dynamic' || !t.waived.has(key(m.id, 'source', 'ts')) || r() >= 0.5) continue;
      const expires = nowMs + Math.floor((r() * 330 - 90)) * DAY;
      waivers.set(m.id, { id: m.id, line: 2 + waivers.size * 7, reason: pick(r, REASONS), approvedBy: pick(r, APPROVERS), approvedOn: day(expires - Math.floor(30 + r() * 330) * DAY), expires: day(expires), ...(r() < 0.7 ? { ticket: `https://tickets.acme.example/LEGAL-${100 + Math.floor(r() * 900)}` } : {}) });
    }
    const catalog = catalogs[weighted(r, [[0, 0.7], [1, 0.2], [2, 0.1]])]!;
    const filesScanned = 40 + Math.floor(r() ** 2 * 6000);
    let at = nowMs - Math.floor(r() * 60 * DAY);
    for (let run = repo.runs; run >= 1; run--, at -= Math.floor((1 + r() * 30) * DAY)) {
      const rr = rng(repo.seed + run * 7919);
      const today = day(at);
      const n = Math.min(400, 3 + Math.floor(-Math.log(1 - rr()) * 37));
      const findings: Finding[] = [];
      const used = new Set<string>();
      const where = new Set<string>();
      while (findings.length < n) {
        const m = models[Math.min(models.length - 1, zipf(rr, models.length))]!;
        const usage = weighted(rr, USAGE_MIX);
        const file = pick(rr, files.get(usage)!);
        const line = 1 + Math.floor(rr() * 700);
        if (where.has(`${file}:${line}`)) continue;
        where.add(`${file}:${line}`);
        const k = key(m.id === 'dynamic' ? null : m.id, usage, langOf(file));
        const w = usage === 'source' ? waivers.get(m.id) : undefined;
        const expired = w !== undefined && w.expires < today;
        const tpl = w ? (expired ? t.expired : t.waived).get(k)! : t.plain.get(k)!;
        if (w) used.add(m.id);
        findings.push({
          ...tpl, file, line, fingerprint: hex(rr, 32),
          waiver: w ? { reason: w.reason, approvedBy: w.approvedBy, approvedOn: w.approvedOn, expires: w.expires, ...(w.ticket ? { ticket: w.ticket } : {}), expired, file: 'modelgate.config.yaml', line: w.line } : null,
        });
        mix.byCategory[m.category]++;
        mix.byUsage[usage]++;
        mix.byStatus[tpl.status]++;
        if (m.category !== 'dynamic') seen.add(m.id);
      }
      findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
      const diagnostics: CheckReport['diagnostics'] = waivers.size === 0 ? t.report.diagnostics.filter((d) => d.code === 'no-config') : [];
      for (const w of waivers.values()) {
        const daysLeft = Math.round((Date.parse(w.expires) - Date.parse(today)) / DAY);
        const loc = { file: 'modelgate.config.yaml', line: w.line };
        if (w.expires < today) diagnostics.push({ code: 'waiver-expired', severity: used.has(w.id) ? 'error' : 'warning', ...loc, message: `waiver for ${w.id} expired on ${w.expires} (approved by ${w.approvedBy})${used.has(w.id) ? '; its findings fail again' : ' and matches nothing; remove it'}` });
        else if (!used.has(w.id)) diagnostics.push({ code: 'waiver-unused', severity: 'warning', ...loc, message: `waiver for ${w.id} in src/** matches no finding; remove it or fix its model/paths` });
        else if (daysLeft <= 30) diagnostics.push({ code: 'waiver-expiring', severity: 'warning', ...loc, message: `waiver for ${w.id} expires in ${daysLeft} day(s), on ${w.expires}; renew it or stop using the model` });
        mix.waivers++;
        if (w.expires < today) mix.waiversExpiredInReport++;
      }
      const count = (p: (f: Finding) => boolean) => findings.filter(p).length;
      const failing = count((f) => f.failing);
      const exitCode = failing > 0 || diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
      const name = repo.name.split('/')[1]!;
      const report: CheckReport = {
        formatVersion: 1,
        tool: t.report.tool,
        generatedAt: new Date(at).toISOString(),
        root: `/home/runner/work/${name}/${name}`,
        ...(repo.legacy ? {} : { repository: repo.name, repositoryFrom: rr() < 0.9 ? 'ci' as const : 'option' as const, commit: hex(rr, 40) }),
        configFiles: waivers.size > 0 ? ['modelgate.config.yaml'] : [],
        catalog,
        exitCode,
        summary: {
          findings: findings.length, failing,
          allowed: count((f) => f.verdict === 'allowed'), review: count((f) => f.verdict === 'review'), denied: count((f) => f.verdict === 'denied'),
          waived: count((f) => f.waiver !== null && !f.waiver.expired && f.verdict !== 'allowed'), baselined: 0,
          warnings: count((f) => f.reasons.some((x) => x.effect === 'warn')),
          testWarnings: count((f) => f.usage === 'test' && f.status === 'warn' && f.reasons.some((x) => x.effect === 'warn' && x.rule !== 'partner-api' && x.rule !== 'deprecated')),
          filesScanned,
        },
        findings,
        diagnostics,
      };
      const text = `${JSON.stringify(report, null, 2)}\n`;
      const file = repo.legacy ? path.join(dir, `shard-${repo.shard}`, `${repo.name}.json`) : path.join(dir, `shard-${repo.shard}`, repo.name, `report-${run}.json`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      mix.findings += findings.length;
      mix.bytes += Buffer.byteLength(text);
      mix.failingReports += exitCode;
      mix.shards[repo.shard]!++;
    }
  }
  mix.distinctIds = seen.size;
  return mix;
}
