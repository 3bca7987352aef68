// Shared by the fixture test and scripts/scan-precision.ts: run the scanner on
// every fixture project and compare with its hand-written expected.json.

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { endpointKey } from '../../../src/core/catalog/endpoint-id.ts';
import { scanProject, type Finding } from '../../../src/core/scan/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES_DIR = path.resolve(here, '../../fixtures/scan');
/** Written blind to the scanner, from the specification only: the independent measure. */
export const HOLDOUT_DIR = path.resolve(here, '../../fixtures/scan-holdout');
/** A second blind set, written after the scanner was tuned on the first (measured untouched first). */
export const HOLDOUT2_DIR = path.resolve(here, '../../fixtures/scan-holdout2');
/** A third blind set, written after all tuning and never used for a fix: the independent measure. */
export const HOLDOUT3_DIR = path.resolve(here, '../../fixtures/scan-holdout3');
const ENDPOINTS_TSV = path.resolve(here, '../../../../shared/reference/fal-endpoints.tsv');

export interface Expected {
  file: string;
  line: number;
  column: number;
  kind: Finding['kind'];
  usage: Finding['usage'];
  id: string | null;
}

/** A catalog lookup like the real one: longest prefix, owner compared case-insensitively. */
export function catalogLookup(ids: string[]): (id: string) => boolean {
  const set = new Set(ids.map(endpointKey));
  return (id: string) => {
    const parts = endpointKey(id).split('/');
    for (let n = parts.length; n >= 2; n--) if (set.has(parts.slice(0, n).join('/'))) return true;
    return false;
  };
}

export function loadCatalogIds(): string[] {
  let text = '';
  try {
    text = readFileSync(ENDPOINTS_TSV, 'utf8');
  } catch {
    // Outside this workspace the shared reference is absent: fall back to the ids the fixtures use.
    return ['bria/video/background-removal', 'veed/fabric-1.0'];
  }
  return text.split('\n').slice(1).map((l) => l.split('\t')[0] ?? '').filter((id) => id.includes('/'));
}

export function fixtureNames(root = FIXTURES_DIR): string[] {
  return readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

export interface FixtureResult {
  name: string;
  expected: Expected[];
  actual: Expected[];
  truePositives: number;
  missing: Expected[];
  unexpected: Expected[];
}

const strictKey = (f: Expected): string => `${f.file}|${f.line}|${f.id}|${f.kind}`;
/**
 * What the gate acts on: an id found at the right place (call and reference are judged alike),
 * or a dynamic call at the right line. The strict key also asks for the right kind.
 */
const gateKey = (f: Expected): string => `${f.file}|${f.line}|${f.id}|${f.kind === 'dynamic' ? 'dynamic' : 'id'}`;
export const exactKey = (f: Expected): string => `${f.file}|${f.line}|${f.column}|${f.kind}|${f.usage}|${f.id}`;

export async function runFixture(name: string, isKnownEndpoint: (id: string) => boolean, root = FIXTURES_DIR, mode: 'strict' | 'gate' = 'strict'): Promise<FixtureResult> {
  const matchKey = mode === 'strict' ? strictKey : gateKey;
  const dir = path.join(root, name);
  const expected = (JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected[]);
  const { findings } = await scanProject(dir, { isKnownEndpoint, exclude: ['expected.json'] });
  const actual: Expected[] = findings.map(({ file, line, column, kind, usage, id }) => ({ file, line, column, kind, usage, id }));
  // Precision/recall match on file, line, id and kind (multiset).
  const pool = new Map<string, number>();
  for (const e of expected) pool.set(matchKey(e), (pool.get(matchKey(e)) ?? 0) + 1);
  let tp = 0;
  const unexpected: Expected[] = [];
  for (const a of actual) {
    const n = pool.get(matchKey(a)) ?? 0;
    if (n > 0) { tp++; pool.set(matchKey(a), n - 1); } else unexpected.push(a);
  }
  const actualPool = new Map<string, number>();
  for (const a of actual) actualPool.set(matchKey(a), (actualPool.get(matchKey(a)) ?? 0) + 1);
  const missing: Expected[] = [];
  for (const e of expected) {
    const n = actualPool.get(matchKey(e)) ?? 0;
    if (n > 0) actualPool.set(matchKey(e), n - 1); else missing.push(e);
  }
  return { name, expected, actual, truePositives: tp, missing, unexpected };
}

export function totals(results: FixtureResult[]): { precision: number; recall: number; f1: number; tp: number; found: number; expected: number } {
  const tp = results.reduce((s, r) => s + r.truePositives, 0);
  const found = results.reduce((s, r) => s + r.actual.length, 0);
  const expected = results.reduce((s, r) => s + r.expected.length, 0);
  const precision = found === 0 ? 1 : tp / found;
  const recall = expected === 0 ? 1 : tp / expected;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, tp, found, expected };
}
