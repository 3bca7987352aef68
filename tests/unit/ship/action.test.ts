/**
 * The composite GitHub Action, run locally: each `run:` step of action.yml with bash, the
 * environment GitHub sets, `${{ inputs.* }}` resolved as GitHub would (from the step's `env:`),
 * and MODELGATE_BIN pointing at the locally built dist/cli.js instead of `npx modelgate@version`.
 * A small model of the runner's workflow-command parser checks what the log would do.
 */
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, consumerEnv, ensureBuilt, REPO, run, waiverConfig, writeApp, writeResearchCall } from './helpers.ts';

interface Step { id?: string; shell?: string; run?: string; uses?: string; env?: Record<string, string> }
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

/** `${{ inputs.x }}` / `${{ github.action_path }}` / `${{ steps.s.outputs.o }}`, as the runner resolves them. */
function expand(value: string, ctx: { inputs: Record<string, string>; steps: Record<string, Record<string, string>> }): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    let m: RegExpExecArray | null;
    if ((m = /^inputs\.([\w-]+)$/.exec(expr))) return ctx.inputs[m[1]!] ?? '';
    if (expr === 'github.action_path') return REPO;
    if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr))) return ctx.steps[m[1]!]?.[m[2]!] ?? '';
    throw new Error(`expression not modelled by the test: ${expr}`);
  });
}

interface ActionRun { code: number | null; log: string; summary: string; outputs: Record<string, string>; workspace: string }

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
  let code: number | null = 0;
  let log = '';
  for (const step of action.runs.steps) {
    if (step.uses) throw new Error('the action should not depend on other actions');
    expect(step.shell).toBe('bash');
    // No expression inside the script itself: inputs only reach it through env (no script injection).
    expect(step.run).not.toMatch(/\$\{\{/);
    const env: Record<string, string> = {
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
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
      code = r.code;
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
    if (code !== 0) break;
  }
  const outputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.outputs)) outputs[k] = expand(v.value, { inputs, steps });
  return { code, log, summary: await readFile(summaryFile, 'utf8'), outputs, workspace };
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
    expect(Object.keys(action.inputs).sort()).toEqual(['catalog', 'config', 'fail-on-violation', 'formats', 'path', 'sarif-file', 'version']);
    expect(action.inputs.path!.default).toBe('.');
    expect(action.inputs['sarif-file']!.default).toBe('modelgate.sarif');
    expect(action.inputs['fail-on-violation']!.default).toBe('true');
    expect(Object.keys(action.outputs).sort()).toEqual(['exit-code', 'sarif-file']);
  });

  it('passes on a clean project: exit 0, a summary table, no error annotations', async () => {
    const ws = await workspace('clean');
    const r = await runAction(ws);
    expect(r.code, r.log).toBe(0);
    expect(r.outputs['exit-code']).toBe('0');
    expect(r.outputs['sarif-file']).toBe('');
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
    expect(r.outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'modelgate.sarif' });
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
  });

  it('exits 3 when the catalog input points nowhere', async () => {
    const ws = await workspace('nocatalog');
    const r = await runAction(ws, { catalog: 'nope.json' });
    expect(r.code, r.log).toBe(3);
    expect(activeCommands(r.log)[0]).toMatch(/^::error title=modelgate exit 3::.*nope\.json/);
    expect(r.summary).toContain('catalog error (exit 3)');
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
