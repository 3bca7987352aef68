/**
 * Gate benchmark: time and peak memory of `modelgate check` on generated monorepos of 30,000 and
 * 100,000 files (mixed languages, a few hundred real fal calls), side by side with ripgrep
 * searching the same tree for fal ids (the floor for reading the tree), on all threads and on
 * one (MODELGATE_THREADS=1); and the cold start on a 10-file project. Prints figures; asserts
 * nothing. Usage: node bench/gate.ts [--files N[,N…]] [--runs N]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { measure, median, pct, type Measure } from './measure.ts';

const { values } = parseArgs({ options: { files: { type: 'string', default: '30000,100000' }, runs: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false }, root: { type: 'string' }, cli: { type: 'string' } } });
const SIZES = values.files.split(',').map(Number);
const RUNS = Number(values.runs);
const NODE = existsSync('/usr/bin/node') ? '/usr/bin/node' : process.execPath;
const CLI = path.resolve(values.cli ?? 'dist/cli.js');

/** A small deterministic PRNG, so every run benchmarks the same tree. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const IDS = ['fal-ai/flux/dev', 'fal-ai/flux/schnell', 'fal-ai/veo3', 'fal-ai/stable-cascade', 'fal-ai/whisper', 'fal-ai/kling-video/v1.6/pro/image-to-video', 'fal-ai/recraft/v3/text-to-image', 'fal-ai/ltx-video'];

function filler(rand: () => number, lang: string, n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(rand() * 1e6);
    if (lang === 'py') lines.push(`def handler_${k}(event, context):\n    value = compute(event["key_${k % 97}"], retries=${k % 7})\n    return {"status": "ok", "value": value}  # ${k}\n`);
    else if (lang === 'go') lines.push(`func Handler${k}(ctx context.Context, in Input) (Output, error) {\n\tv, err := compute(ctx, "key-${k % 97}", ${k % 7})\n\treturn Output{Value: v}, err\n}\n`);
    else if (lang === 'json') lines.push(`  "key_${k}": { "enabled": ${k % 2 === 0}, "path": "src/module_${k % 500}/index.ts", "retries": ${k % 7} },`);
    else lines.push(`export async function handler${k}(input: Input): Promise<Output> {\n  const value = await compute(input["key_${k % 97}"], { retries: ${k % 7}, path: "src/module_${k % 500}" });\n  return { status: "ok", value };\n}\n`);
  }
  return lang === 'json' ? `{\n${lines.join('\n')}\n  "end": true\n}\n` : lines.join('\n');
}

function call(rand: () => number, lang: string): string {
  const id = IDS[Math.floor(rand() * IDS.length)]!;
  if (lang === 'py') return `import fal_client\n\ndef generate(prompt):\n    return fal_client.subscribe("${id}", arguments={"prompt": prompt})\n`;
  if (lang === 'go') return `package gen\n\nconst endpoint = "https://queue.fal.run/${id}"\n`;
  if (lang === 'json') return `{ "model": "${id}", "enabled": true }\n`;
  return `import { fal } from "@fal-ai/client";\n\nexport const generate = (prompt: string) => fal.subscribe("${id}", { input: { prompt } });\n`;
}

async function generate(root: string, files: number): Promise<number> {
  const rand = rng(42);
  const langs = ['ts', 'ts', 'ts', 'py', 'py', 'go', 'json'];
  let calls = 0;
  const callEvery = Math.max(1, Math.floor(files / 300));
  await writeFile(path.join(root, '.gitignore'), 'node_modules/\ndist/\n');
  for (let i = 0; i < files; i++) {
    const lang = langs[i % langs.length]!;
    const dir = path.join(root, `packages/pkg-${Math.floor(i / 1000)}/src/mod-${Math.floor(i / 50) % 20}`);
    if (i % 50 === 0) await mkdir(dir, { recursive: true });
    const withCall = i % callEvery === 0;
    if (withCall) calls++;
    const text = (withCall ? call(rand, lang) + '\n' : '') + filler(rand, lang, 3 + Math.floor(rand() * 10));
    await writeFile(path.join(dir, `file-${i}.${lang}`), text);
  }
  return calls;
}

/** One tree: the gate on all threads and on one, and ripgrep, alternating, median of RUNS. */
async function benchTree(files: number, rg: boolean): Promise<void> {
  const reuse = values.root !== undefined;
  const root = reuse ? path.resolve(values.root!) : await mkdtemp(path.join(os.tmpdir(), 'mg-bench-'));
  try {
    const t0 = performance.now();
    if (reuse) console.log(`reusing the tree at ${root}`);
    else {
      const calls = await generate(root, files);
      console.log(`generated ${files} files (${calls} with fal calls) in ${((performance.now() - t0) / 1000).toFixed(1)} s at ${root}`);
    }
    console.log(`load: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} cores)`);
    // Warm the page cache once so every tool reads from memory.
    if (rg) spawnSync('rg', ['-c', 'fal', root]);
    const out = path.join(os.tmpdir(), 'mg-bench-report.json');
    const gate: Measure[] = [];
    const single: Measure[] = [];
    const floor: Measure[] = [];
    for (let i = 0; i < RUNS; i++) {
      gate.push(measure(NODE, [CLI, 'check', root, '--format', 'json', '--output', out]));
      single.push(measure(NODE, [CLI, 'check', root, '--format', 'json', '--output', out], { ...process.env, MODELGATE_THREADS: '1' }));
      if (rg) floor.push(measure('rg', ['--count-matches', '--no-messages', '-e', 'fal-ai/', '-e', 'fal\\.run', root]));
    }
    const f = rg ? median(floor.map((m) => m.seconds)) : NaN;
    const row = (name: string, ms: Measure[]) => {
      const s = median(ms.map((m) => m.seconds));
      return `| ${name} | ${s.toFixed(2)} s | ${Math.max(...ms.map((m) => m.maxRssMb)).toFixed(0)} MB | ${rg ? `${(s / Math.max(f, 0.01)).toFixed(2)}×` : '—'} |`;
    };
    console.log(`\n| ${files}-file monorepo | wall time (median of ${RUNS}) | peak RSS | vs rg |`);
    console.log('|---|---|---|---|');
    console.log(row(`modelgate check (Node ${execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim()}, all threads)`, gate));
    console.log(row('modelgate check, one thread (MODELGATE_THREADS=1)', single));
    if (rg) console.log(`| rg (floor) | ${f.toFixed(2)} s | ${Math.max(...floor.map((m) => m.maxRssMb)).toFixed(0)} MB | 1× |`);
    else console.log('| rg | not installed (apt-get install ripgrep) | | |');
    console.log(`gate exit codes: ${gate.map((m) => m.exit).join(', ')} (1 = the research-only/partner calls planted in the tree were found)\n`);
  } finally {
    if (!values.keep && !reuse) await rm(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['scripts/build-cli.ts'], { stdio: 'inherit' });
  if (!existsSync('/usr/bin/time')) throw new Error('needs GNU time: apt-get install -y time');
  const rg = spawnSync('rg', ['--version']).status === 0;
  for (const files of SIZES) await benchTree(files, rg);

  const small = await mkdtemp(path.join(os.tmpdir(), 'mg-cold-'));
  for (let i = 0; i < 10; i++) await writeFile(path.join(small, `f${i}.ts`), i === 0 ? call(rng(1), 'ts') : filler(rng(i), 'ts', 5));
  const times: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    rss.push(measure(NODE, [CLI, 'check', small, '--format', 'json', '--output', path.join(small, 'out.json')]).maxRssMb);
    times.push(performance.now() - t);
  }
  const bare: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    spawnSync(NODE, ['-e', '0']);
    bare.push(performance.now() - t);
  }
  console.log(`cold start, 10-file project (30 runs): median ${median(times).toFixed(0)} ms, p95 ${pct(times, 95).toFixed(0)} ms, peak RSS ${Math.max(...rss).toFixed(0)} MB; bare \`node -e 0\`: median ${median(bare).toFixed(0)} ms`);
  await rm(small, { recursive: true, force: true });
}

await main();
