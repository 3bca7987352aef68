import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { parseLocatedYaml, schemaProblems } from '../content/yaml-document.ts';
import type { Problem } from '../problem.ts';
import { PolicySchema, Waiver, type Policy } from '../schema/policy.ts';

export const CONFIG_NAMES = ['modelgate.config.json', 'modelgate.config.yaml', 'modelgate.config.yml'];

/** A waiver with the file and line it was written on, so diagnostics can point at it. */
export interface LocatedWaiver extends Waiver {
  source: { file: string; line: number };
}

export interface LoadedPolicy {
  policy: Policy;
  waivers: LocatedWaiver[];
  /** Every file that contributed, the project's own last. Empty: no config, defaults apply. */
  files: string[];
}

type Result = { ok: true; value: LoadedPolicy } | { ok: false; problems: Problem[] };

const WaiverArray = z.array(Waiver);
const WaiverObject = z.strictObject({ waivers: z.array(Waiver) });

/**
 * Finds and loads the project's policy: `explicit` if given, else a modelgate.config.* in
 * `dir`. YAML is a superset of JSON, so one located parser serves both and every problem names
 * its line. `extends` chains and waiver files are resolved relative to the file naming them.
 */
export async function loadPolicy(dir: string, explicit?: string): Promise<Result> {
  let file = explicit ? path.resolve(explicit) : undefined;
  if (!file) {
    for (const name of CONFIG_NAMES) {
      const candidate = path.join(dir, name);
      if (await readFile(candidate).then(() => true, () => false)) {
        file = candidate;
        break;
      }
    }
  }
  if (!file) return { ok: true, value: { policy: PolicySchema.parse({}), waivers: [], files: [] } };

  const problems: Problem[] = [];
  const files: string[] = [];
  const waivers: LocatedWaiver[] = [];
  const merged = await loadChain(file, [], problems, files, waivers);
  if (problems.length > 0 || merged === undefined) return { ok: false, problems };
  // Waivers are collected per file (with their lines), not through the merge.
  delete merged.waivers;
  const parsed = PolicySchema.safeParse(merged);
  if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error, file, null).map((p) => ({ ...p, code: 'config' })) };
  const policy = { ...parsed.data, waivers };
  const horizon = waiverHorizonProblems(waivers, policy.waiverRules.maxDays);
  if (horizon.length > 0) return { ok: false, problems: horizon };
  return { ok: true, value: { policy, waivers, files } };
}

type Raw = Record<string, unknown>;

async function loadChain(file: string, stack: string[], problems: Problem[], files: string[], waivers: LocatedWaiver[]): Promise<Raw | undefined> {
  if (stack.includes(file)) {
    problems.push({ code: 'config', file: stack.at(-1), field: 'extends', message: `extends forms a cycle: ${[...stack, file].map((f) => path.basename(f)).join(' → ')}` });
    return undefined;
  }
  const doc = await readLocated(file, problems, stack.at(-1));
  if (!doc) return undefined;
  const data = doc.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problems.push({ code: 'config', file, line: 1, message: 'the policy must be an object (a mapping of settings)' });
    return undefined;
  }
  const raw = data as Raw;
  const check = PolicySchema.safeParse(raw);
  if (!check.success) {
    problems.push(...schemaProblems(check.error, file, doc).map((p) => ({ ...p, code: 'config' as const })));
    return undefined;
  }
  const here = path.dirname(file);
  let base: Raw = {};
  const parents = raw.extends === undefined ? [] : Array.isArray(raw.extends) ? (raw.extends as string[]) : [raw.extends as string];
  for (const parent of parents) {
    const loaded = await loadChain(path.resolve(here, parent), [...stack, file], problems, files, waivers);
    if (loaded) base = mergePolicies(base, loaded);
  }
  files.push(file);
  check.data.waivers.forEach((w, i) => waivers.push({ ...w, source: { file, line: doc.lineOf(['waivers', i]) } }));
  for (const [i, wf] of check.data.waiverFiles.entries()) {
    await loadWaiverFile(path.resolve(here, wf), { file, line: doc.lineOf(['waiverFiles', i]) }, problems, waivers);
  }
  const own: Raw = { ...raw };
  delete own.extends;
  delete own.waiverFiles;
  return mergePolicies(base, own);
}

/** Policies and waiver lists are small; a larger file is a mistake, refused before parsing. */
const MAX_CONFIG_BYTES = 1024 * 1024;

async function readLocated(file: string, problems: Problem[], referrer?: string) {
  let text: string;
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_CONFIG_BYTES) {
      problems.push({ code: 'config', file, message: `${bytes.length} bytes is more than a policy file may hold (${MAX_CONFIG_BYTES})` });
      return undefined;
    }
    text = bytes.toString('utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (e as Error).message;
    problems.push({ code: 'config', file, message: `cannot read ${referrer ? `(named by ${referrer})` : ''}: ${why}`.replace(' :', ':') });
    return undefined;
  }
  const parsed = parseLocatedYaml(text, file);
  if (!parsed.ok) {
    problems.push(...parsed.problems.map((p) => ({ ...p, code: 'config' as const })));
    return undefined;
  }
  return parsed.value;
}

async function loadWaiverFile(file: string, namedAt: { file: string; line: number }, problems: Problem[], waivers: LocatedWaiver[]) {
  const doc = await readLocated(file, problems, `${namedAt.file}:${namedAt.line}`);
  if (!doc) return;
  // A waiver file is a list of waivers, or an object with a `waivers` list.
  const asList = Array.isArray(doc.data);
  const parsed = asList ? WaiverArray.safeParse(doc.data) : WaiverObject.safeParse(doc.data);
  if (!parsed.success) {
    problems.push(...schemaProblems(parsed.error, file, doc).map((p) => ({ ...p, code: 'config' as const })));
    return;
  }
  const list = Array.isArray(parsed.data) ? parsed.data : parsed.data.waivers;
  const prefix = asList ? [] : ['waivers'];
  list.forEach((w, i) => waivers.push({ ...w, source: { file, line: doc.lineOf([...prefix, i]) } }));
}

/**
 * An organisation policy and a project policy combine: settings (objects) merge with the
 * project winning, lists (model rules, excludes) add up.
 */
export function mergePolicies(base: Raw, over: Raw): Raw {
  const out: Raw = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    if (Array.isArray(prev) && Array.isArray(value)) out[key] = [...prev, ...value];
    else if (isPlain(prev) && isPlain(value)) out[key] = mergePolicies(prev, value);
    else out[key] = value;
  }
  return out;
}

function isPlain(v: unknown): v is Raw {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const DAY = 86_400_000;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** A waiver must end, and not too far out: its approval date plus the policy's horizon. */
function waiverHorizonProblems(waivers: readonly LocatedWaiver[], maxDays: number): Problem[] {
  const out: Problem[] = [];
  for (const w of waivers) {
    const days = daysBetween(w.approvedOn, w.expires);
    if (days < 0) out.push({ code: 'config', ...w.source, field: 'expires', message: `waiver for ${w.model} expires (${w.expires}) before it was approved (${w.approvedOn})` });
    else if (days > maxDays) out.push({ code: 'config', ...w.source, field: 'expires', message: `waiver for ${w.model} runs ${days} days (${w.approvedOn} to ${w.expires}); the policy allows at most ${maxDays} (waiverRules.maxDays)` });
  }
  return out;
}
