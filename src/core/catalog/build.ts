import type { ContentEntry } from '../content/load.ts';
import type { Problem } from '../problem.ts';
import type { License } from '../schema/license.ts';
import type { Model } from '../schema/model.ts';
import { Catalog, type CatalogLicense, type CatalogModel } from './catalog.ts';
import { endpointKey } from './endpoint-id.ts';

/** What both readers (the plain loader and Astro's collections) hand over: data, file, notes. */
export type Entry<T> = Pick<ContentEntry<T>, 'file' | 'pathId' | 'data' | 'body'> & {
  lineOf?: ContentEntry<T>['lineOf'];
};

/**
 * The checks that span files: ids match their paths, no id or alias is claimed twice, every
 * weights licence a model names exists. Per-file shape is the schema's job; this is the rest.
 */
export function buildCatalog(
  models: readonly Entry<Model>[],
  licenses: readonly Entry<License>[],
): { catalog: Catalog; problems: Problem[] } {
  const problems: Problem[] = [];
  const at = (e: Entry<unknown>, field: string, path: PropertyKey[]) => ({
    file: e.file,
    ...(e.lineOf ? { line: e.lineOf(path) } : {}),
    field,
  });

  const licenseIds = new Map<string, Entry<License>>();
  for (const e of licenses) {
    if (e.data.id !== e.pathId) {
      problems.push({ code: 'id-path-mismatch', ...at(e, 'id', ['id']), message: `id "${e.data.id}" does not match its file name; expected "${e.pathId}"` });
    }
    const first = licenseIds.get(e.data.id);
    if (first) problems.push({ code: 'duplicate-id', ...at(e, 'id', ['id']), message: `licence id "${e.data.id}" is already defined in ${first.file}` });
    else licenseIds.set(e.data.id, e);
  }

  const claimed = new Map<string, { entry: Entry<Model>; what: string }>();
  for (const e of models) {
    if (e.data.id !== e.pathId) {
      problems.push({ code: 'id-path-mismatch', ...at(e, 'id', ['id']), message: `id "${e.data.id}" does not match its path; expected "${e.pathId}"` });
    }
    const first = claimed.get(endpointKey(e.data.id));
    if (first) problems.push({ code: 'duplicate-id', ...at(e, 'id', ['id']), message: `endpoint id "${e.data.id}" is already claimed as ${first.what} in ${first.entry.file}` });
    else claimed.set(endpointKey(e.data.id), { entry: e, what: 'an id' });
  }
  for (const e of models) {
    e.data.aliases.forEach((alias, i) => {
      const first = claimed.get(endpointKey(alias));
      // An alias that differs from its own id only in the owner's case is redundant but harmless:
      // it records how another source spells the id.
      if (first?.entry === e && first.what === 'an id') return;
      if (first) problems.push({ code: 'duplicate-alias', ...at(e, `aliases[${i}]`, ['aliases', i]), message: `alias "${alias}" is already claimed as ${first.what} in ${first.entry.file}` });
      else claimed.set(endpointKey(alias), { entry: e, what: 'an alias' });
    });
    const lic = e.data.weights?.license;
    if (lic && !licenseIds.has(lic)) {
      problems.push({ code: 'unknown-license', ...at(e, 'weights.license', ['weights', 'license']), message: `licence "${lic}" has no file content/licenses/${lic}.md` });
    }
  }

  const catalog = new Catalog(
    [...models].map((e): CatalogModel => ({ ...e.data, notes: e.body.trim() })).sort(byId),
    [...licenses].map((e): CatalogLicense => ({ ...e.data, notes: e.body.trim() })).sort(byId),
  );
  return { catalog, problems };
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
