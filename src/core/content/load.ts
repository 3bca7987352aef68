import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { LicenseSchema, type License } from '../schema/license.ts';
import { ModelSchema, type Model } from '../schema/model.ts';
import type { Problem } from '../problem.ts';
import { parseFrontMatter } from './front-matter.ts';
import { schemaProblems, type LocatedYaml } from './yaml-document.ts';

/** One validated content file. `file` is the path as given to the loader, for messages. */
export interface ContentEntry<T> {
  file: string;
  /** The path below the collection folder without `.md`: what the id must equal. */
  pathId: string;
  data: T;
  body: string;
  lineOf: LocatedYaml['lineOf'];
}

export interface LoadedContent {
  models: ContentEntry<Model>[];
  licenses: ContentEntry<License>[];
  problems: Problem[];
}

/**
 * Reads `content/models/**.md` and `content/licenses/*.md` without Astro: the CLI's catalog
 * compiler and the scripts use this; the site reads the same files through Astro's glob loader
 * with the same schemas. Every bad file is reported; none is skipped.
 */
export async function loadContentDir(root: string, options: { allowMissing?: boolean } = {}): Promise<LoadedContent> {
  const problems: Problem[] = [];
  const models = await loadCollection(path.join(root, 'models'), ModelSchema, problems, options.allowMissing ?? false);
  const licenses = await loadCollection(path.join(root, 'licenses'), LicenseSchema, problems, options.allowMissing ?? false);
  return { models, licenses, problems };
}

async function loadCollection<S extends z.ZodType>(
  dir: string,
  schema: S,
  problems: Problem[],
  allowMissing: boolean,
): Promise<ContentEntry<z.output<S>>[]> {
  let files: string[];
  try {
    files = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile() && d.name.endsWith('.md'))
      .map((d) => path.join(d.parentPath, d.name))
      .sort();
  } catch (e) {
    if (allowMissing && (e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    problems.push({ code: 'read', file: dir, message: `cannot read content folder: ${(e as Error).message}` });
    return [];
  }
  const entries: ContentEntry<z.output<S>>[] = [];
  // Files are independent; reading them concurrently keeps a 1,500-file load I/O-bound, not latency-bound.
  const texts = await Promise.all(files.map((f) => readFile(f, 'utf8').then((t) => ({ ok: true as const, t }), (e: Error) => ({ ok: false as const, e }))));
  files.forEach((file, i) => {
    const read = texts[i]!;
    if (!read.ok) {
      problems.push({ code: 'read', file, message: `cannot read: ${read.e.message}` });
      return;
    }
    const entry = parseEntry(file, path.relative(dir, file), read.t, schema, problems);
    if (entry) entries.push(entry);
  });
  return entries;
}

/** Validates one file's text; pushes its problems and returns undefined when it is bad. */
export function parseEntry<S extends z.ZodType>(
  file: string,
  relativePath: string,
  text: string,
  schema: S,
  problems: Problem[],
): ContentEntry<z.output<S>> | undefined {
  const doc = parseFrontMatter(text, file);
  if (!doc.ok) {
    problems.push(...doc.problems);
    return undefined;
  }
  const result = schema.safeParse(doc.value.yaml.data);
  if (!result.success) {
    problems.push(...schemaProblems(result.error, file, doc.value.yaml));
    return undefined;
  }
  return {
    file,
    pathId: relativePath.split(path.sep).join('/').replace(/\.md$/, ''),
    data: result.data,
    body: doc.value.body,
    lineOf: doc.value.yaml.lineOf,
  };
}
