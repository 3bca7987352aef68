/**
 * The commands and workflows the docs tell people to copy stay right: every `modelgate …`
 * command line in README.md and docs/ uses only options its subcommand's `--help` lists (and
 * formats and `--fail-on` categories it accepts), every YAML block parses, the organisation
 * workflows have the shape docs/organisation.md describes, and their shell scripts parse.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { FAIL_ON } from '../../../src/core/inventory/fail-on.ts';
import { CLI, ensureBuilt, REPO, run } from './helpers.ts';

const DOCS = ['README.md', ...readdirSync(path.join(REPO, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const SUBCOMMANDS = ['check', 'report', 'explain', 'inventory', 'catalog sync'] as const;
type Sub = (typeof SUBCOMMANDS)[number];

/**
 * Options documented before the branch that adds them is merged; allowed only while the help
 * does not list them yet. `catalog sync --inventory` comes with issue #12 §3 (docs/sync.md).
 */
const text = (file: string) => readFileSync(path.join(REPO, file), 'utf8');

interface CommandLine { file: string; line: number; sub: Sub; args: string[] }

/**
 * Every `modelgate <subcommand> …` (also `npx [--yes] modelgate@<version>` and
 * `node dist/cli.js`), in code blocks and inline code alike, up to the end of its command: a
 * line end (after joining `\` continuations), a backtick, a quote ending a YAML scalar, a
 * shell operator or a comment.
 */
function commandLines(file: string): CommandLine[] {
  const out: CommandLine[] = [];
  const lines = text(file).split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    for (let j = i; line.endsWith('\\') && j + 1 < lines.length; j++) line = `${line.slice(0, -1)} ${lines[j + 1]!.trim()}`;
    const re = /(?:\bmodelgate(?:@[\w.^~-]+)?|dist\/cli\.js) (check|report|explain|inventory|catalog sync)\b([^`'"|;&#>)\n]*)/g;
    for (const m of line.matchAll(re)) out.push({ file, line: i + 1, sub: m[1] as Sub, args: m[2]!.trim().split(/\s+/).filter(Boolean) });
  }
  return out;
}

interface Help { options: Set<string>; formats: string[] }
const help = {} as Record<Sub, Help>;

beforeAll(() => {
  ensureBuilt();
  for (const sub of SUBCOMMANDS) {
    const r = run('node', [CLI, ...sub.split(' '), '--help']);
    expect(r.code, r.out).toBe(0);
    const options = new Set(r.stdout.match(/(?<![\w-])--?[a-z][\w-]*/g) ?? []);
    // `--format <fmt>   text | json | …`: the formats the help names on that line.
    const formatLine = r.stdout.split('\n').find((l) => /^\s+--format <fmt>/.test(l));
    const formats = formatLine ? formatLine.replace(/^\s+--format <fmt>\s+/, '').replace(/\(.*$/, '').split('|').map((f) => f.trim()) : [];
    help[sub] = { options, formats };
  }
}, 240_000);

describe('modelgate command lines in README.md and docs/', () => {
  const all = DOCS.flatMap(commandLines);

  it('are found in the docs that show them, including the organisation workflows', () => {
    const where = (sub: Sub, file: string) => all.filter((c) => c.sub === sub && c.file === file && c.args.length > 0).length;
    expect(where('inventory', 'docs/organisation.md')).toBeGreaterThanOrEqual(3);
    expect(where('inventory', 'README.md')).toBeGreaterThanOrEqual(1);
    expect(where('check', 'docs/ci.md')).toBeGreaterThanOrEqual(5);
    expect(where('catalog sync', 'docs/organisation.md')).toBeGreaterThanOrEqual(1);
  });

  it('use only the options their subcommand lists in --help', () => {
    const wrong: string[] = [];
    for (const c of all) {
      for (const a of c.args) {
        if (!a.startsWith('-') || a === '-' || a === '--') continue;
        const flag = a.split('=')[0]!;
        if (help[c.sub].options.has(flag)) continue;
        wrong.push(`${c.file}:${c.line}: modelgate ${c.sub} ${flag}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('give --format only formats the subcommand has, and --fail-on only its categories', () => {
    const wrong: string[] = [];
    for (const c of all) {
      c.args.forEach((a, i) => {
        const value = c.args[i + 1];
        if (value === undefined || value.startsWith('-')) return;
        if (a === '--format' && !/^[<[]/.test(value) && !value.split('|').every((f) => help[c.sub].formats.includes(f))) wrong.push(`${c.file}:${c.line}: ${c.sub} --format ${value}`);
        if (a === '--fail-on' && !value.split(',').every((f) => (FAIL_ON as readonly string[]).includes(f))) wrong.push(`${c.file}:${c.line}: ${c.sub} --fail-on ${value}`);
      });
    }
    expect(wrong).toEqual([]);
  });
});

/** ```yaml blocks (also indented ones, inside list items), dedented. */
function yamlBlocks(file: string): { line: number; source: string }[] {
  const out: { line: number; source: string }[] = [];
  const lines = text(file).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```yaml\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]!); j++) body.push(lines[j]!.slice(indent));
    out.push({ line: i + 1, source: body.join('\n') });
    i = j;
  }
  return out;
}

function parseYaml(block: { source: string }): { value: unknown; problems: string[] } {
  const doc = parseDocument(block.source, { prettyErrors: true });
  return { value: doc.toJS(), problems: [...doc.errors, ...doc.warnings].map((e) => e.message) };
}

describe('YAML in README.md and docs/', () => {
  it('every ```yaml block parses without errors or warnings', () => {
    const all = DOCS.flatMap((file) => yamlBlocks(file).map((b) => ({ where: `${file}:${b.line}`, ...parseYaml(b) })));
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect(all.filter((b) => b.problems.length > 0).map((b) => `${b.where}: ${b.problems.join('; ')}`)).toEqual([]);
  });
});

interface GhStep { id?: string; if?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface GhWorkflow { on: { schedule?: { cron: string }[] }; jobs: Record<string, { needs?: string; permissions?: Record<string, string>; steps: GhStep[] }> }
interface GlJob { stage?: string; script?: string[]; needs?: string[]; artifacts?: { paths?: string[]; when?: string } }

const blocks = yamlBlocks('docs/organisation.md').map((b) => (parseYaml(b).value ?? {}) as Record<string, unknown>);
const github = blocks.find((b) => 'jobs' in b) as unknown as GhWorkflow;
const gitlab = blocks.find((b) => 'pages' in b) as unknown as Record<string, GlJob>;
const member = blocks.find((b) => 'modelgate' in b) as unknown as Record<string, GlJob>;

/** `bash -n` / `sh -n`: the script parses (nothing is run). */
function syntaxErrors(shell: 'bash' | 'sh', script: string): string {
  const r = run(shell, ['-n'], { input: script });
  return r.code === 0 ? '' : r.stderr;
}

describe('docs/organisation.md: the GitHub Actions workflow', () => {
  it('runs on a schedule, collects with an app token, and fails on exit 2/3 only', () => {
    expect(github.on.schedule?.[0]?.cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    const steps = github.jobs.inventory!.steps;
    expect(steps.find((s) => s.uses?.startsWith('actions/create-github-app-token@'))).toBeDefined();
    const collect = steps.find((s) => s.run?.includes('gh run download'))!;
    expect(collect.env!.ARTIFACTS).toBe('modelgate-report');
    const inventory = steps.find((s) => s.id === 'inventory')!;
    expect(inventory.run).toMatch(/modelgate@[\d.]+ inventory reports\/ --format json --output inventory\.json --format html --output inventory\.html --fail-on research,unknown,expired-waiver/);
    expect(inventory.run).toContain('echo "exit-code=$code" >> "$GITHUB_OUTPUT"');
    expect(inventory.run).toContain('if [ "$code" -ge 2 ]; then exit "$code"; fi');
  });

  it('opens or updates the issue on exit 1 with the stderr lines, closes it on 0, with issues: write', () => {
    const job = github.jobs.inventory!;
    expect(job.permissions).toMatchObject({ issues: 'write' });
    const open = job.steps.find((s) => s.if === "steps.inventory.outputs.exit-code == '1'")!;
    expect(open.run).toContain('cat inventory-stderr.txt');
    expect(open.run).toMatch(/gh issue edit "\$number" --body-file issue\.md/);
    expect(open.run).toMatch(/gh issue create .*--body-file issue\.md/);
    expect(job.steps.find((s) => s.if === "steps.inventory.outputs.exit-code == '0'")!.run).toContain('gh issue close');
  });

  it('builds the catalog site with MODELGATE_INVENTORY and deploys dist/site to Pages', () => {
    const steps = github.jobs.inventory!.steps;
    expect(steps.find((s) => s.run?.includes('npm run build'))!.run).toContain('npm ci\nMODELGATE_INVENTORY="$GITHUB_WORKSPACE/inventory.json" npm run build');
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))!.with).toEqual({ path: 'catalog-site/dist/site' });
    const deploy = github.jobs.deploy!;
    expect(deploy.needs).toBe('inventory');
    expect(deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(deploy.steps.map((s) => s.uses)).toEqual(['actions/deploy-pages@v4']);
  });

  it('has run: scripts that bash parses', () => {
    const scripts = Object.values(github.jobs).flatMap((j) => j.steps).filter((s) => s.run);
    expect(scripts.length).toBeGreaterThanOrEqual(5);
    for (const s of scripts) expect(syntaxErrors('bash', s.run!), s.run).toBe('');
  });
});

describe('docs/organisation.md: the GitLab pipelines', () => {
  it('every project keeps modelgate.json from its modelgate job, also when the gate fails', () => {
    expect(member.modelgate!.artifacts).toMatchObject({ when: 'always', paths: ['modelgate.json'] });
    expect(member.modelgate!.script!.join('\n')).toContain('--format json --output modelgate.json');
  });

  it('the compliance project collects, runs the inventory, then the issue and pages jobs', () => {
    const inventory = gitlab.inventory!.script!.join('\n');
    expect(inventory).toContain('projects/$id/jobs/$job/artifacts/modelgate.json');
    expect(inventory).toMatch(/modelgate@[\d.]+ inventory reports\/ --format json --output inventory\.json --format html --output inventory\.html --fail-on research,unknown,expired-waiver 2> inventory-stderr\.txt \|\| code=\$\?/);
    expect(inventory).toContain('[ "$code" -le 1 ]');
    expect(gitlab.issue!.needs).toEqual(['inventory']);
    expect(gitlab.issue!.script!.join('\n')).toContain('"$CI_API_V4_URL/projects/$CI_PROJECT_ID/issues"');
    expect(gitlab.pages!.needs).toEqual(['inventory']);
    expect(gitlab.pages!.artifacts).toEqual({ paths: ['public'] });
    expect(gitlab.pages!.script!.join('\n')).toContain('MODELGATE_INVENTORY="$CI_PROJECT_DIR/inventory.json" npm run build');
  });

  it('has scripts that sh parses', () => {
    for (const [name, job] of Object.entries({ ...gitlab, ...member })) {
      if (!job || typeof job !== 'object' || !Array.isArray(job.script)) continue;
      expect(syntaxErrors('sh', job.script.join('\n')), name).toBe('');
    }
  });
});
