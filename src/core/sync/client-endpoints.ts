import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { endpointKey } from '../catalog/endpoint-id.ts';
import type { Model } from '../schema/model.ts';
import type { ClientCheck } from './changelog.ts';

/**
 * The endpoint ids in the installed @fal-ai/client's `EndpointTypeMap`
 * (`src/types/endpoints.d.ts`): the ids fal's own SDK knows how to call.
 */

/** Finds `endpoints.d.ts` of an installed @fal-ai/client: next to the content first, then next to this code. */
export function findClientEndpointsFile(contentDir: string): string | undefined {
  const bases = [path.join(path.resolve(contentDir), 'noop.js'), import.meta.url];
  for (const base of bases) {
    try {
      const js = createRequire(base).resolve('@fal-ai/client/endpoints');
      return js.replace(/\.js$/, '.d.ts');
    } catch {
      // not installed there
    }
  }
  return undefined;
}

/** The string keys at the top level of `export type EndpointTypeMap = { … }`. */
export function parseEndpointTypeMap(source: string): string[] {
  const start = source.search(/export\s+(?:type|interface)\s+EndpointTypeMap\b[^{]*\{/);
  if (start < 0) throw new Error('no EndpointTypeMap declaration found');
  let i = source.indexOf('{', start) + 1;
  let depth = 1;
  const keys: string[] = [];
  while (i < source.length && depth > 0) {
    const c = source[i]!;
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '/' && source[i + 1] === '/') {
      i = source.indexOf('\n', i);
      if (i < 0) break;
    } else if (c === '/' && source[i + 1] === '*') {
      i = source.indexOf('*/', i + 2) + 1;
      if (i <= 0) break;
    } else if (c === '"' || c === "'") {
      const end = source.indexOf(c, i + 1);
      if (end < 0) break;
      if (depth === 1 && /^\s*\??\s*:/.test(source.slice(end + 1, end + 8))) keys.push(source.slice(i + 1, end));
      i = end;
    }
    i++;
  }
  return [...new Set(keys)].sort();
}

export async function readClientEndpoints(file: string): Promise<string[]> {
  return parseEndpointTypeMap(await readFile(file, 'utf8'));
}

/**
 * The ids of the client's map that the catalog (after the sync) lacks, by id or alias.
 * `file`: the endpoints.d.ts to read; undefined = find the installed one; false = skip.
 */
export async function clientCheck(file: string | false | undefined, contentDir: string, models: readonly Pick<Model, 'id' | 'aliases'>[]): Promise<ClientCheck> {
  if (file === false) return { skipped: 'disabled' };
  const found = file ?? findClientEndpointsFile(contentDir);
  if (!found) return { skipped: '@fal-ai/client is not installed' };
  let ids: string[];
  try {
    ids = await readClientEndpoints(found);
  } catch (e) {
    return { skipped: `cannot read ${found}: ${(e as Error).message}` };
  }
  const known = new Set<string>();
  for (const m of models) {
    known.add(endpointKey(m.id));
    for (const a of m.aliases) known.add(endpointKey(a));
  }
  return { file: found, count: ids.length, missing: ids.filter((id) => !known.has(endpointKey(id))) };
}
