import { readFile } from 'node:fs/promises';
import { fieldPath, type Problem } from '../problem.ts';
import { InventorySchema, type Inventory } from '../schema/inventory.ts';
import { jsonErrorLine, lineOf } from './read.ts';

const HOW = 'build one with `modelgate inventory <reports> --format json`';

/**
 * Reads one inventory file (`modelgate inventory --format json`) and validates it with the one
 * InventorySchema. Any fault is one problem naming the file, the line and the field, so each
 * caller (`catalog sync --inventory`, the site) reports it the same way and acts on nothing.
 */
export async function readInventoryFile(file: string): Promise<{ ok: true; value: Inventory } | { ok: false; problem: Problem }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return { ok: false, problem: { code: 'read', file, message: `cannot read the inventory: ${why}` } };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: { code: 'json', file, ...jsonErrorLine(text, e as Error), message: `not a modelgate inventory: malformed JSON: ${(e as Error).message}` } };
  }
  // Another kind of file (a check report, a changelog) fails on its first field otherwise; say what it is instead.
  const kind = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as { kind?: unknown }).kind : undefined;
  if (kind !== 'modelgate-inventory') {
    const what = typeof kind === 'string' ? `it is a ${kind} file` : isCheckReport(json) ? 'it is a check report' : 'no `kind: "modelgate-inventory"`';
    return { ok: false, problem: { code: 'schema', file, line: lineOf(text, ['kind']), field: 'kind', message: `not a modelgate inventory (${what}); ${HOW}` } };
  }
  const parsed = InventorySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: { code: 'schema', file, line: lineOf(text, issue.path), field: fieldPath(issue.path) || '(root)', message: `not a valid modelgate inventory: ${issue.message}` } };
  }
  return { ok: true, value: parsed.data };
}

const isCheckReport = (json: unknown) => json !== null && typeof json === 'object' && Array.isArray((json as { findings?: unknown }).findings);
