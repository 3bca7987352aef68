import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseLocatedYaml } from '../content/yaml-document.ts';
import { fieldPath, type Problem } from '../problem.ts';
import { CheckReportSchema, type CheckReport } from '../schema/check-report.ts';
import type { InventoryReport } from '../schema/inventory.ts';
import { cmp, digestReport, newerFirst, type ReportDigest } from './digest.ts';

/** The reports merged: the newest per repository, and the older ones they superseded. */
export interface ReadReports {
  digests: ReportDigest[];
  superseded: (InventoryReport & { supersededBy: string })[];
}

/** Files read at once: enough to keep the disk busy while one report is parsed. */
const CONCURRENCY = 8;

/**
 * Reads check reports from files and directories (every `*.json` below a directory) and keeps
 * the newest per repository. Each report is validated and digested as soon as it is read, so
 * memory holds digests, never every raw report. Every bad file is a problem: file, line, field.
 */
export async function readReports(inputs: readonly string[]): Promise<{ ok: true; value: ReadReports } | { ok: false; problems: Problem[] }> {
  const problems: Problem[] = [];
  const files: { file: string; base: string }[] = [];
  for (const input of inputs) await collect(input, problems, files);
  if (problems.length > 0) return { ok: false, problems };
  if (files.length === 0) return { ok: false, problems: [{ code: 'read', file: inputs.join(' '), message: 'no JSON report found (expected `modelgate check --format json` files, or directories holding them)' }] };

  const newest = new Map<string, ReportDigest>();
  const superseded: ReadReports['superseded'] = [];
  const seen = new Set<string>();
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const { file, base } = files[next++]!;
      const real = path.resolve(file);
      if (seen.has(real)) continue;
      seen.add(real);
      const loaded = await loadReport(file, base);
      if (!loaded.ok) {
        problems.push(loaded.problem);
        continue;
      }
      const d = loaded.value;
      const held = newest.get(d.report.repository);
      if (!held) newest.set(d.report.repository, d);
      else {
        const [winner, loser] = newerFirst(d.report, held.report) < 0 ? [d, held] : [held, d];
        newest.set(d.report.repository, winner);
        superseded.push({ ...loser.report, supersededBy: winner.report.file });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => cmp(a.file ?? '', b.file ?? '')) };
  // A report superseded by one that a still newer report superseded names the final winner.
  for (const s of superseded) s.supersededBy = newest.get(s.repository)!.report.file;
  return {
    ok: true,
    value: {
      digests: [...newest.values()].sort((a, b) => cmp(a.report.repository, b.report.repository)),
      superseded: superseded.sort((a, b) => cmp(a.repository, b.repository) || newerFirst(a, b)),
    },
  };
}

/** A directory is walked for `*.json` (sorted, so every run reads the same files in the same order). */
async function collect(input: string, problems: Problem[], out: { file: string; base: string }[]): Promise<void> {
  let info;
  try {
    info = await stat(input);
  } catch (e) {
    problems.push({ code: 'read', file: input, message: `cannot read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}` });
    return;
  }
  if (!info.isDirectory()) {
    out.push({ file: input, base: path.dirname(input) });
    return;
  }
  const entries = await readdir(input, { recursive: true, withFileTypes: true });
  const found = entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.json'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort(cmp);
  for (const file of found) out.push({ file, base: input });
}

async function loadReport(file: string, base: string): Promise<{ ok: true; value: ReportDigest } | { ok: false; problem: Problem }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return { ok: false, problem: { code: 'read', file, message: `cannot read: ${(e as Error).message}` } };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: { code: 'json', file, ...jsonErrorLine(text, e as Error), message: `not a modelgate check report: malformed JSON: ${(e as Error).message}` } };
  }
  const parsed = CheckReportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const kind = json && typeof json === 'object' && 'kind' in json ? ` (it is a ${String((json as { kind: unknown }).kind)} file)` : '';
    return { ok: false, problem: { code: 'schema', file, line: lineOf(text, issue.path), field: fieldPath(issue.path) || '(root)', message: `not a modelgate check report${kind}: ${issue.message}` } };
  }
  return { ok: true, value: digestReport(parsed.data, origin(parsed.data, file, base)) };
}

/** Older reports name no repository: they are named after their file, relative to the directory given. */
function origin(r: CheckReport, file: string, base: string): InventoryReport {
  const fromFile = path.relative(base, file).split(path.sep).join('/').replace(/\.json$/i, '') || path.basename(file, '.json');
  return {
    file,
    repository: r.repository ?? fromFile,
    repositoryFrom: r.repository ? (r.repositoryFrom ?? 'option') : 'file',
    commit: r.commit ?? null,
    generatedAt: r.generatedAt,
  };
}

/** The line of a schema error: the JSON is parsed again, with positions, only when it failed. */
export function lineOf(text: string, at: readonly PropertyKey[]): number {
  const doc = parseLocatedYaml(text, '');
  return doc.ok ? doc.value.lineOf(at) : 1;
}

/**
 * V8 names a position (`at position 42`) or a line (`line 3 column 5`) in its message; a cut-off
 * file ("Unexpected end of JSON input") is wrong where it ends.
 */
export function jsonErrorLine(text: string, e: Error): { line: number; column?: number } {
  const lc = /line (\d+) column (\d+)/.exec(e.message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(e.message)?.[1] ?? (/end of JSON input/.test(e.message) ? String(text.trimEnd().length) : undefined);
  if (pos === undefined) return { line: 1 };
  const before = text.slice(0, Number(pos));
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
}
