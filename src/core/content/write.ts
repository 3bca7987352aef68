import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document, isScalar, visit } from 'yaml';
import type { z } from 'zod';

/**
 * Strings a YAML 1.1 reader would turn into something else (booleans, null, dates, numbers).
 * They are written quoted so that every reader, not only YAML 1.2 ones, sees the same value.
 */
const AMBIGUOUS = /^(?:y|n|yes|no|on|off|true|false|null|~|[-+]?[\d._]+(?:e[-+]?\d+)?|\d{4}-\d{2}-\d{2}(?:[T ].*)?)$/i;

/**
 * Key order follows the schema's field order, so files read the same way everywhere and a
 * re-run that changes nothing changes no byte.
 */
export function orderBySchema(schema: z.ZodType, value: unknown): unknown {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  if (value === null || value === undefined) return value;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      return orderBySchema(def.innerType as z.ZodType, value);
    case 'pipe':
      return orderBySchema(def.out as z.ZodType, value);
    case 'array':
      return Array.isArray(value) ? value.map((v) => orderBySchema(def.element as z.ZodType, v)) : value;
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const src = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(shape)) if (src[key] !== undefined) out[key] = orderBySchema(shape[key]!, src[key]);
      for (const key of Object.keys(src)) if (!(key in out) && src[key] !== undefined) out[key] = src[key];
      return out;
    }
    default:
      return value;
  }
}

/** A content file: YAML front matter in schema order, then the Markdown body (human notes). */
export function serializeEntry(schema: z.ZodType, data: unknown, body: string): string {
  const doc = new Document(orderBySchema(schema, data));
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && AMBIGUOUS.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  const yaml = doc.toString({ lineWidth: 0, indentSeq: true });
  const notes = body.trim();
  return `---\n${yaml}---\n${notes ? `\n${notes}\n` : ''}`;
}

/** Writes via a temporary file and a rename, so a reader never sees half a file. */
export async function writeFileAtomic(file: string, text: string | Iterable<string>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Applies many file changes to a content tree all-or-nothing: the new tree is built beside the
 * old one and swapped in with renames, so an error or an interruption before the swap leaves
 * `root` exactly as it was. `changes` maps paths relative to `root` to their new text
 * (`null` deletes the file).
 */
export async function replaceTree(root: string, changes: ReadonlyMap<string, string | null>): Promise<void> {
  if (changes.size === 0) return;
  const { cp, stat } = await import('node:fs/promises');
  const parent = path.dirname(path.resolve(root));
  const base = path.basename(path.resolve(root));
  const stamp = randomBytes(6).toString('hex');
  const staging = path.join(parent, `.${base}.new-${stamp}`);
  const retired = path.join(parent, `.${base}.old-${stamp}`);
  const exists = await stat(root).then(() => true, () => false);
  try {
    if (exists) await cp(root, staging, { recursive: true, preserveTimestamps: true });
    else await mkdir(staging, { recursive: true });
    for (const [rel, text] of changes) {
      const target = path.join(staging, rel);
      if (text === null) await rm(target, { force: true });
      else {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, text, 'utf8');
      }
    }
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
  if (exists) await rename(root, retired);
  await rename(staging, root);
  if (exists) await rm(retired, { recursive: true, force: true });
}
