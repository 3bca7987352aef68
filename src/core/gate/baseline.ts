import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { fieldPath, type Problem } from '../problem.ts';

/** Only what a baseline needs from an earlier JSON report: the fingerprints of its findings. */
const BaselineReport = z.object({
  formatVersion: z.literal(1),
  findings: z.array(z.object({ fingerprint: z.string().min(1) })),
});

/** Fingerprint → how many findings carried it (a line can hold the same call twice). */
export type Baseline = Map<string, number>;

export async function readBaseline(file: string): Promise<{ ok: true; value: Baseline } | { ok: false; problem: Problem }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    return { ok: false, problem: { code: 'config', file, message: `cannot read baseline (a JSON report from \`modelgate check --format json\`): ${(e as Error).message}` } };
  }
  const parsed = BaselineReport.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: { code: 'config', file, field: fieldPath(issue.path) || '(root)', message: `not a modelgate JSON report: ${issue.message}` } };
  }
  const counts: Baseline = new Map();
  for (const f of parsed.data.findings) counts.set(f.fingerprint, (counts.get(f.fingerprint) ?? 0) + 1);
  return { ok: true, value: counts };
}
