import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildCatalog, type Entry } from '../catalog/build.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { ContentEntry } from '../content/load.ts';
import { serializeEntry } from '../content/write.ts';
import { formatProblem } from '../problem.ts';
import type { License } from '../schema/license.ts';
import { ModelSchema, type Model } from '../schema/model.ts';
import { SyncError } from './http.ts';

/**
 * The merged entries on their way to disk: each validated with the model schema and serialised
 * in schema order; then the whole catalog is built (ids, aliases, licence links) before a single
 * file is written. Only files whose text changed are handed to the write.
 */
export class Stage {
  private readonly entries: Entry<Model>[] = [];
  private readonly staged: { rel: string; text: string; oldFile?: string }[] = [];
  private readonly invalid: string[] = [];

  private readonly contentDir: string;

  constructor(contentDir: string) {
    this.contentDir = contentDir;
  }

  /** Stages one entry at `rel` (relative to the content root); `oldFile` is the file it replaces. */
  add(rel: string, data: Model, body: string, oldFile?: string): void {
    const parsed = ModelSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      this.invalid.push(`${data.id}: ${issue.path.join('.')}: ${issue.message}`);
      return;
    }
    const pathId = rel.replace(/\\/g, '/').replace(/^models\//, '').replace(/\.md$/, '');
    this.entries.push({ file: path.join(this.contentDir, rel), pathId, data: parsed.data, body });
    this.staged.push({ rel, text: serializeEntry(ModelSchema, parsed.data, body), oldFile });
  }

  /** Validates everything staged; throws a one-line SyncError naming the first problems. */
  build(licenses: readonly ContentEntry<License>[]): Catalog {
    const invalid = this.invalid;
    if (invalid.length > 0) throw new SyncError(`the API data does not fit the model schema: ${invalid.slice(0, 5).join('; ')}${invalid.length > 5 ? ` (and ${invalid.length - 5} more)` : ''}`);
    const { catalog, problems } = buildCatalog(this.entries, licenses);
    if (problems.length > 0) throw new SyncError(`the synced catalog would be invalid: ${problems.slice(0, 5).map(formatProblem).join('; ')}`);
    return catalog;
  }

  /** The files whose text differs from what is on disk: path relative to the root → new text. */
  async changes(): Promise<Map<string, string>> {
    const olds = await Promise.all(this.staged.map((s) => (s.oldFile ? readFile(s.oldFile, 'utf8') : Promise.resolve(undefined))));
    const changes = new Map<string, string>();
    this.staged.forEach((s, i) => {
      if (olds[i] !== s.text) changes.set(s.rel, s.text);
    });
    return changes;
  }
}
