/**
 * The composite GitHub Action, run locally: each `run:` step of action.yml with bash, the
 * environment GitHub sets, `${{ inputs.* }}` resolved as GitHub would (from the step's `env:`),
 * and MODELGATE_BIN pointing at the locally built dist/cli.js instead of `npx modelgate@version`.
 * A small model of the runner's workflow-command parser checks what the log would do. The one
 * step that uses another action (the report upload) cannot run here: its `if:` is evaluated as
 * the runner would, and what it would upload is recorded.
 */
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckReportSchema } from '../../../src/core/schema/check-report.ts';
import { CLI, consumerEnv, ensureBuilt, REPO, run, waiverConfig, writeApp, writeResearchCall } from './helpers.ts';

interface Step { id?: string; if?: string; shell?: string; run?: string; uses?: string; with?: Record<string, string | boolean>; env?: Record<string, string> }
interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as Action;
let tmp: string;

beforeAll(async () => {
  ensureBuilt();
  tmp = await mkdtemp(path.join(tmpdir(), 'modelgate-action-'));
}, 240_000);
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

interface Context { inputs: Record<string, string>; steps: Record<string, Record<string, string>> }

/** `${{ inputs.x }}` / `${{ github.action_path }}` / `${{ steps.s.outputs.o }}`, as the runner resolves them. */
function expand(value: string, ctx: Context): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    let m: RegExpExecArray | null;
    if ((m = /^inputs\.([\w-]+)$/.exec(expr))) return ctx.inputs[m[1]!] ?? '';
    if (expr === 'github.action_path') return REPO;
    if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr))) return ctx.steps[m[1]!]?.[m[2]!] ?? '';
    throw new Error(`expression not modelled by the test: ${expr}`);
  });
}

/**
 * A step's `if:` as the runner decides it, for the expressions action.yml uses: terms joined by
 * `&&`; `always()`, `success()`, `failure()`; `inputs.x` or `steps.s.outputs.o` compared with
 * `==`/`!=` to a quoted string (ignoring case, as GitHub compares strings). Without a status
 * function the runner adds `success()`: the step is skipped once an earlier one failed.
 */
function stepRuns(condition: string | undefined, ctx: Context, failed: boolean): boolean {
  const terms = (condition ?? '').replace(/^\$\{\{\s*|\s*\}\}$/g, '').split('&&').map((t) => t.trim()).filter(Boolean);
  if (!terms.some((t) => /^(always|success|failure|cancelled)\(\)$/.test(t))) terms.unshift('success()');
  return terms.every((t) => {
    if (t === 'always()') return true;
    if (t === 'success()') return !failed;
    if (t === 'failure()') return failed;
    const m = /^((?:inputs|steps\.[\w-]+\.outputs)\.[\w-]+)\s*(==|!=)\s*'([^']*)'$/.exec(t);
    if (!m) throw new Error(`condition not modelled by the test: ${t}`);
    const equal = expand(`\${{ ${m[1]} }}`, ctx).toLowerCase() === m[3]!.toLowerCase();
    return m[2] === '==' ? equal : !equal;
  });
}

/** What a step that uses another action would have been run with. */
interface Uses { uses: string; with: Record<string, string> }

interface ActionRun { code: number | null; log: string; summary: string; outputs: Record<string, string>; workspace: string; runnerTemp: string; uses: Uses[] }

let runs = 0;
async function runAction(workspace: string, given: Record<string, string> = {}, extraEnv: Record<string, string> = {}): Promise<ActionRun> {
  const inputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs)) inputs[k] = given[k] ?? v.default ?? '';
  const dir = path.join(tmp, `run-${++runs}`);
  await mkdir(dir, { recursive: true });
  const summaryFile = path.join(dir, 'step-summary.md');
  const outputFile = path.join(dir, 'github-output');
  await writeFile(summaryFile, '');
  await writeFile(outputFile, '');
  const steps: Record<string, Record<string, string>> = {};
  const uses: Uses[] = [];
  let code: number | null = 0;
  let log = '';
  for (const step of action.runs.steps) {
    const ctx = { inputs, steps };
    if (!stepRuns(step.if, ctx, code !== 0)) continue;
    if (step.uses) {
      const given: Record<string, string> = {};
      for (const [k, v] of Object.entries(step.with ?? {})) given[k] = expand(String(v), ctx);
      uses.push({ uses: step.uses, with: given });
      continue;
    }
    expect(step.shell).toBe('bash');
    // No expression inside the script itself: inputs only reach it through env (no script injection).
    expect(step.run).not.toMatch(/\$\{\{/);
    const env: Record<string, string> = {
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      GITHUB_REPOSITORY: 'acme/web',
      GITHUB_SHA: '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567',
      RUNNER_TEMP: dir,
      MODELGATE_BIN: CLI,
      ...extraEnv,
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(String(v), { inputs, steps });
    const script = path.join(dir, `step-${step.id ?? 'anon'}.sh`);
    await writeFile(script, step.run!);
    await writeFile(outputFile, '');
    // One file for stdout and stderr, in order, as the runner's log sees them.
    const logFile = path.join(dir, 'log.txt');
    const fd = openSync(logFile, 'w');
    try {
      // What GitHub runs for `shell: bash`.
      const r = run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: workspace, env: consumerEnv(env), stdio: ['ignore', fd, fd] });
      // The action's result is its first failing step's (later steps run only under always()).
      if (code === 0) code = r.code;
    } finally {
      closeSync(fd);
    }
    log += readFileSync(logFile, 'utf8');
    const out: Record<string, string> = {};
    for (const line of (await readFile(outputFile, 'utf8')).split('\n')) {
      const i = line.indexOf('=');
      if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
    }
    if (step.id) steps[step.id] = out;
  }
  const outputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.outputs)) outputs[k] = expand(v.value, { inputs, steps });
  return { code, log, summary: await readFile(summaryFile, 'utf8'), outputs, workspace, runnerTemp: dir, uses };
}

/**
 * The workflow commands the runner would act on: lines starting (after leading spaces) with
 * `::`, except between `::stop-commands::<token>` and `::<token>::`.
 */
function activeCommands(log: string): string[] {
  const active: string[] = [];
  let paused: string | undefined;
  for (const raw of log.split(/\r?\n/)) {
    const line = raw.trimStart();
    if (!line.startsWith('::')) continue;
    if (paused !== undefined) {
      if (line === `::${paused}::`) paused = undefined;
      continue;
    }
    if (line.startsWith('::stop-commands::')) {
      paused = line.slice('::stop-commands::'.length);
      continue;
    }
    active.push(line);
  }
  return active;
}

async function workspace(name: string): Promise<string> {
  const ws = path.join(tmp, name);
  await writeApp(ws);
  return ws;
}

describe('action.yml', () => {
  it('is a composite action with the documented inputs and outputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['catalog', 'config', 'fail-on-violation', 'formats', 'path', 'report-artifact', 'repository', 'sarif-file', 'upload-report', 'version']);
    expect(action.inputs.path!.default).toBe('.');
    expect(action.inputs['sarif-file']!.default).toBe('modelgate.sarif');
    expect(action.inputs['fail-on-violation']!.default).toBe('true');
    expect(action.inputs['upload-report']!.default).toBe('true');
    expect(action.inputs['report-artifact']!.default).toBe('modelgate-report');
    expect(Object.keys(action.outputs).sort()).toEqual(['exit-code', 'report-file', 'sarif-file']);
  });

  it('uploads the report with actions/upload-artifact after the gate, even when the gate step failed', () => {
    const [gate, ...rest] = action.runs.steps;
    expect(gate!.id).toBe('gate');
    // The only other action used, and only for the upload (code runs in the gate step alone).
    expect(rest).toHaveLength(1);
    const upload = rest[0]!;
    expect(upload.uses).toBe('actions/upload-artifact@v4');
    expect(upload.run).toBeUndefined();
    // always(): the gate step exits 1 on a violation, and a skipped upload would lose that report.
    expect(upload.if).toBe("always() && inputs.upload-report == 'true' && steps.gate.outputs.report-file != ''");
    expect(upload.with).toEqual({
      name: '${{ inputs.report-artifact }}',
      path: '${{ steps.gate.outputs.report-file }}',
      'if-no-files-found': 'error',
      overwrite: true,
    });
  });

  it('passes on a clean project: exit 0, a summary table, no error annotations', async () => {
    const ws = await workspace('clean');
    const r = await runAction(ws);
    expect(r.code, r.log).toBe(0);
    expect(r.outputs['exit-code']).toBe('0');
    expect(r.outputs['sarif-file']).toBe('');
    expect(r.outputs['report-file']).not.toBe('');
    expect(activeCommands(r.log)).toEqual([]);
    expect(r.summary).toContain('### modelgate: ✅ no forbidden model use');
    expect(r.summary).toMatch(/\| ✅ ok \| `fal-ai\/flux\/dev` \| commercial \| `src\/generate\.ts:4:\d+` \|/);
    // The human report is in the log (formats: text), with commands paused around it.
    expect(r.log).toContain('PASS: ');
  });

  it('fails on a research-only call with an ::error annotation, a summary row and a SARIF file', async () => {
    const ws = await workspace('violation');
    await writeResearchCall(ws);
    const r = await runAction(ws, { formats: 'text,sarif' });
    expect(r.code, r.log).toBe(1);
    expect(r.outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'modelgate.sarif', 'report-file': expect.stringMatching(/\/modelgate\.json$/) });
    const commands = activeCommands(r.log);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatch(/^::error file=src\/cascade\.ts,line=4,col=\d+,title=modelgate research-only::fal-ai\/stable-cascade: fal labels fal-ai\/stable-cascade "Research only"/);
    expect(r.summary).toContain('### modelgate: ❌ 1 forbidden use(s)');
    expect(r.summary).toMatch(/\| ❌ fail \| `fal-ai\/stable-cascade` \| research \| `src\/cascade\.ts:4:\d+` \| `research-only` \|/);
    const sarif = JSON.parse(await readFile(path.join(ws, 'modelgate.sarif'), 'utf8')) as {
      version: string;
      runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const failing = sarif.runs[0]!.results.filter((x) => x.level === 'error');
    expect(failing).toHaveLength(1);
    expect(failing[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('src/cascade.ts');
    expect(failing[0]!.locations[0]!.physicalLocation.region.startLine).toBe(4);
  });

  it('with fail-on-violation: false, reports but passes the step (exit-code output still 1)', async () => {
    const ws = await workspace('soft');
    await writeResearchCall(ws);
    const r = await runAction(ws, { 'fail-on-violation': 'false' });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs['exit-code']).toBe('1');
    expect(activeCommands(r.log).filter((c) => c.startsWith('::error '))).toHaveLength(1);
  });

  it('honours path, config and catalog inputs; a waiver passes and shows in the summary', async () => {
    const ws = path.join(tmp, 'mono');
    await writeApp(path.join(ws, 'packages/web'));
    await writeResearchCall(path.join(ws, 'packages/web'));
    await writeFile(path.join(ws, 'policy.json'), waiverConfig('2026-12-31'));
    const r = await runAction(ws, { path: 'packages/web', config: 'policy.json', catalog: path.join(REPO, 'dist/catalog.json') }, { MODELGATE_NOW: '2026-06-01T00:00:00Z' });
    expect(r.code, r.log).toBe(0);
    expect(r.summary).toMatch(/\| 🛡️ waived \| `fal-ai\/stable-cascade` \|.*waived by legal@example\.org until 2026-12-31/);
  });

  it('exits 2 on a bad config: one ::error naming the file and field, and a summary section', async () => {
    const ws = await workspace('badconfig');
    await writeFile(path.join(ws, 'modelgate.config.json'), '{ "labels": { "research": "sometimes" } }\n');
    const r = await runAction(ws);
    expect(r.code, r.log).toBe(2);
    expect(r.outputs['exit-code']).toBe('2');
    const commands = activeCommands(r.log);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatch(/^::error title=modelgate exit 2::modelgate: .*modelgate\.config\.json.*labels\.research/);
    expect(r.summary).toContain('usage or configuration error (exit 2)');
    // No report exists, so the upload is skipped rather than failing on a missing file.
    expect(r.outputs['report-file']).toBe('');
    expect(r.uses).toEqual([]);
  });

  it('exits 3 when the catalog input points nowhere', async () => {
    const ws = await workspace('nocatalog');
    const r = await runAction(ws, { catalog: 'nope.json' });
    expect(r.code, r.log).toBe(3);
    expect(activeCommands(r.log)[0]).toMatch(/^::error title=modelgate exit 3::.*nope\.json/);
    expect(r.summary).toContain('catalog error (exit 3)');
    expect(r.outputs['report-file']).toBe('');
    expect(r.uses).toEqual([]);
  });

  it('rejects an unknown format', async () => {
    const ws = await workspace('badformat');
    const r = await runAction(ws, { formats: 'text,pdf' });
    expect(r.code).toBe(2);
    expect(activeCommands(r.log)[0]).toMatch(/^::error title=modelgate::unknown format/);
  });

  it('cannot be made to run a workflow command by the scanned code or its file names', async () => {
    const ws = await workspace('evil');
    const evilDir = path.join(ws, 'src', 'a\n::add-mask::x');
    await mkdir(evilDir, { recursive: true });
    // A file name with a newline followed by a workflow command, and code lines holding them.
    await writeFile(path.join(evilDir, 'b\n::warning title=pwned::injected%0A::error::x.ts'), [
      "import { fal } from '@fal-ai/client';",
      "await fal.subscribe('fal-ai/stable-cascade', {}); // ::warning title=pwned::comment",
      'const s = `',
      '::set-output name=exit-code::0',
      '::warning title=pwned::template ${fal.run("fal-ai/stable-cascade%0A::warning::x")}`;',
      '',
    ].join('\n'));
    const r = await runAction(ws, { formats: 'text,sarif' });
    expect(r.code, r.log).toBe(1);
    // The hostile text did reach the log (in the paused report) ...
    expect(r.log).toMatch(/^::warning title=pwned::injected/m);
    // ... but every command the runner would act on is one of the gate's escaped annotations.
    const commands = activeCommands(r.log);
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) {
      expect(c, c).toMatch(/^::error (file=[^,:\n]*,line=\d+,col=\d+,)?title=modelgate [\w-]+::/);
      // (the hostile names appear only escaped, inside the file= property)
      expect(c, c).not.toMatch(/^::(warning|add-mask|set-output|stop-commands)/);
    }
    expect(commands.some((c) => c.includes('file=src/a%0A%3A%3Aadd-mask%3A%3Ax/b%0A%3A%3Awarning title=pwned%3A%3Ainjected%250A%3A%3Aerror%3A%3Ax.ts'))).toBe(true);
    expect(r.outputs['exit-code']).toBe('1');
    // The summary table keeps each finding on one row.
    for (const line of r.summary.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
  });
});

/** The report the action wrote, validated as `modelgate inventory` will read it. */
async function reportAt(r: ActionRun) {
  const file = r.outputs['report-file']!;
  expect(file, r.log).not.toBe('');
  return CheckReportSchema.parse(JSON.parse(await readFile(path.resolve(r.workspace, file), 'utf8')));
}

/** Report directories the action made in the runner's temp directory. */
async function tempReports(r: ActionRun): Promise<string[]> {
  return (await readdir(r.runnerTemp)).filter((f) => f.startsWith('modelgate-report.'));
}

describe('action.yml: the JSON report for the organisation inventory', () => {
  it('by default writes the report outside the checkout, with repository and commit, and uploads it as modelgate-report', async () => {
    const ws = await workspace('report-default');
    const r = await runAction(ws);
    expect(r.code, r.log).toBe(0);
    const file = r.outputs['report-file']!;
    expect(path.isAbsolute(file)).toBe(true);
    expect(file.startsWith(r.runnerTemp + path.sep)).toBe(true);
    expect(path.basename(file)).toBe('modelgate.json');
    expect(await readdir(ws)).not.toContain('modelgate.json');
    const report = await reportAt(r);
    expect(report).toMatchObject({ repository: 'acme/web', repositoryFrom: 'ci', commit: '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567', exitCode: 0 });
    expect(report.findings.map((f) => f.id).sort()).toEqual(['fal-ai/flux/dev', 'fal-ai/flux/schnell']);
    expect(r.uses).toEqual([{ uses: 'actions/upload-artifact@v4', with: { name: 'modelgate-report', path: file, 'if-no-files-found': 'error', overwrite: 'true' } }]);
  });

  it('uploads the report when the gate fails the step (exit 1), holding the failing finding', async () => {
    const ws = await workspace('report-violation');
    await writeResearchCall(ws);
    const r = await runAction(ws);
    expect(r.code, r.log).toBe(1);
    const report = await reportAt(r);
    expect(report.exitCode).toBe(1);
    expect(report.findings.filter((f) => f.failing).map((f) => `${f.id} ${f.file}:${f.line}`)).toEqual(['fal-ai/stable-cascade src/cascade.ts:4']);
    expect(r.uses.map((u) => u.with.path)).toEqual([r.outputs['report-file']]);
  });

  it('with formats json, the workspace modelgate.json is the report uploaded (written once)', async () => {
    const ws = await workspace('report-json');
    const r = await runAction(ws, { formats: 'text,json' });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs['report-file']).toBe('modelgate.json');
    expect((await reportAt(r)).repository).toBe('acme/web');
    expect(await tempReports(r)).toEqual([]);
    expect(r.uses.map((u) => u.with.path)).toEqual(['modelgate.json']);
  });

  it('with upload-report: false, writes no report and uploads nothing', async () => {
    const ws = await workspace('report-off');
    const r = await runAction(ws, { 'upload-report': 'false' });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs['report-file']).toBe('');
    expect(await tempReports(r)).toEqual([]);
    expect(await readdir(ws)).not.toContain('modelgate.json');
    expect(r.uses).toEqual([]);
  });

  it('with upload-report: false and formats json, writes modelgate.json but uploads nothing', async () => {
    const ws = await workspace('report-off-json');
    const r = await runAction(ws, { 'upload-report': 'false', formats: 'json' });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs['report-file']).toBe('modelgate.json');
    expect((await reportAt(r)).exitCode).toBe(0);
    expect(r.uses).toEqual([]);
  });

  it('names the report by the repository input and the artifact by report-artifact', async () => {
    const ws = path.join(tmp, 'report-mono');
    await writeApp(path.join(ws, 'packages/api'));
    const r = await runAction(ws, { path: 'packages/api', repository: 'acme/mono/api', 'report-artifact': 'modelgate-report-api' });
    expect(r.code, r.log).toBe(0);
    expect(await reportAt(r)).toMatchObject({ repository: 'acme/mono/api', repositoryFrom: 'option' });
    expect(r.uses.map((u) => u.with.name)).toEqual(['modelgate-report-api']);
  });

  it('does not leave an older modelgate.json to be uploaded when the gate cannot run (exit 2)', async () => {
    const ws = await workspace('report-stale');
    await writeFile(path.join(ws, 'modelgate.json'), '{"from":"an earlier run"}\n');
    await writeFile(path.join(ws, 'modelgate.config.json'), '{ "labels": { "research": "sometimes" } }\n');
    const r = await runAction(ws, { formats: 'json' });
    expect(r.code, r.log).toBe(2);
    expect(r.outputs['report-file']).toBe('');
    expect(r.uses).toEqual([]);
  });
});

describe('the CLI itself under GitHub Actions (without the action)', () => {
  it('pauses workflow commands around its text report, so file names cannot inject one', async () => {
    const ws = await workspace('cli-evil');
    await writeResearchCall(ws, 'src/x\n::warning title=pwned::y.ts');
    const summary = path.join(tmp, 'cli-summary.md');
    await writeFile(summary, '');
    const r = run('node', [CLI, 'check'], { cwd: ws, env: consumerEnv({ GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary }) });
    expect(r.code, r.out).toBe(1);
    expect(r.stdout).toMatch(/^::warning title=pwned::y\.ts/m);
    const commands = activeCommands(r.stdout);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatch(/^::error file=src\/x%0A%3A%3Awarning title=pwned%3A%3Ay\.ts,line=4,/);
    expect(await readFile(summary, 'utf8')).toContain('❌ fail');
  });
});
