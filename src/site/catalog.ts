import { getCollection } from 'astro:content';
import type { Catalog } from '../core/catalog/catalog.ts';
import { buildCatalog, type Entry } from '../core/catalog/build.ts';
import { ProblemError } from '../core/problem.ts';
import type { License } from '../core/schema/license.ts';
import type { Model } from '../core/schema/model.ts';
import type { Verdict } from '../core/verdict/judge.ts';
import { allVerdicts } from '../core/site/verdicts.ts';
import { indexFamilies, type IndexFamily } from '../core/site/families.ts';

export interface SiteCatalog {
  catalog: Catalog;
  verdicts: Map<string, Verdict>;
  /** Models by name, then id. */
  byName: Catalog['models'];
  /** The index's families (by name; members by name), see core/site/families.ts. */
  families: IndexFamily[];
  /** The index's endpoint rows: every family's members in family order (the order of the search data). */
  rows: Catalog['models'];
  /** Sub-endpoints: catalog ids that extend a model's id by more path segments. */
  children: Map<string, string[]>;
  /** The nearest catalog id a model's id extends. */
  parents: Map<string, string>;
}

let cached: Promise<SiteCatalog> | undefined;

/** The core Catalog from Astro's collections, checked by the core's buildCatalog; built once per build. */
export function siteCatalog(): Promise<SiteCatalog> {
  cached ??= load();
  return cached;
}

async function load(): Promise<SiteCatalog> {
  const [models, licenses] = await Promise.all([getCollection('models'), getCollection('licenses')]);
  const toEntry = <T,>(e: { id: string; data: T; body?: string; filePath?: string }): Entry<T> => ({
    file: e.filePath ?? e.id,
    pathId: e.id,
    data: e.data,
    body: e.body ?? '',
  });
  const { catalog, problems } = buildCatalog(models.map((e) => toEntry<Model>(e)), licenses.map((e) => toEntry<License>(e)));
  if (problems.length > 0) throw new ProblemError(problems);
  const byName = [...catalog.models].sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));
  const ids = new Set(catalog.models.map((m) => m.id));
  const children = new Map<string, string[]>();
  const parents = new Map<string, string>();
  for (const m of catalog.models) {
    const parts = m.id.split('/');
    for (let k = parts.length - 1; k >= 2; k--) {
      const parent = parts.slice(0, k).join('/');
      if (ids.has(parent)) {
        children.set(parent, [...(children.get(parent) ?? []), m.id]);
        parents.set(m.id, parent);
        break;
      }
    }
  }
  const families = indexFamilies(byName);
  const rows = families.flatMap((f) => f.members);
  return { catalog, verdicts: allVerdicts(catalog), byName, families, rows, children, parents };
}

export function modelHref(id: string): string {
  return `/models/${id}/`;
}
export function licenceHref(id: string): string {
  return `/licenses/${id}/`;
}
