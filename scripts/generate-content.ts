/**
 * Generates the default catalog in content/ from the reference data in ../shared/reference/.
 * Re-runnable and idempotent: existing files are merged (human notes, review records and newer
 * observations are kept), unchanged files are not touched, and nothing is written unless the
 * whole result validates. `--check` only reports whether content/ is up to date (exit 1 if not).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildCatalog, type Entry } from '../src/core/catalog/build.ts';
import { endpointKey } from '../src/core/catalog/endpoint-id.ts';
import { loadContentDir } from '../src/core/content/load.ts';
import { replaceTree, serializeEntry } from '../src/core/content/write.ts';
import { formatProblem } from '../src/core/problem.ts';
import { LicenseSchema, type License } from '../src/core/schema/license.ts';
import { ModelSchema, type Model } from '../src/core/schema/model.ts';
import { familyLinks, modelFromRow } from './reference/endpoints.ts';
import { licenseFromRow } from './reference/licenses.ts';
import { mergeModel } from './reference/merge.ts';
import { readTsv } from './reference/tsv.ts';
import { readClosedWeights } from './reference/closed.ts';
import { LEGACY_SOURCE, readLegacyIds } from './reference/legacy.ts';
import { COPIES_READ_BY, PAGE_SOURCE, dedupePages, normaliseCategory, pageObservation, readBadgeRecords, readPageRecords } from './reference/pages.ts';
import type { Observation } from '../src/core/schema/observation.ts';

const { values: opts } = parseArgs({
  options: {
    reference: { type: 'string', default: path.join('..', 'shared', 'reference') },
    content: { type: 'string', default: 'content' },
    data: { type: 'string', default: 'data' },
    check: { type: 'boolean', default: false },
  },
});
const ref = (f: string) => path.join(opts.reference!, f);
const contentRoot = opts.content!;

async function main(): Promise<number> {
  const licenseRows = await readTsv(ref('licenses.tsv'));
  const licenses = licenseRows.map((row) => LicenseSchema.parse(licenseFromRow(row)));
  const licenseIds = new Set(licenses.map((l) => l.id));
  const families = familyLinks(await readTsv(ref('model-families.tsv')), licenseIds);

  // Ids that differ only in the owner's case are one endpoint (fal compares owners
  // case-insensitively): the labelled row is kept, the other id becomes its alias.
  const groups = new Map<string, Model[]>();
  for (const row of await readTsv(ref('fal-endpoints.tsv'))) {
    const model = ModelSchema.parse(modelFromRow(row, families));
    groups.set(endpointKey(model.id), [...(groups.get(endpointKey(model.id)) ?? []), model]);
  }
  const labSpelling = preferredSpellings([...groups.values()].flat().flatMap((m) => (m.lab ? [m.lab.name] : [])));
  const byKey = new Map<string, Model>();
  for (const group of groups.values()) {
    const [primary, ...rest] = [...group].sort((a, b) => Number(!labelled(a)) - Number(!labelled(b)));
    const lab = primary!.lab ? { ...primary!.lab, name: labSpelling.get(primary!.lab.name.toLowerCase()) ?? primary!.lab.name } : null;
    byKey.set(endpointKey(primary!.id), { ...primary!, lab, aliases: [...new Set(rest.map((m) => m.id).filter((id) => id !== primary!.id))] });
  }
  const referenceSources = new Set([...byKey.values()].flatMap((m) => m.hosted.observations.map((o) => o.source)));

  // Ids that public code still calls although fal no longer lists them get entries, so that a
  // call resolves and is judged on what fal's pages said (or stays unknown).
  for (const { id, observation } of await readLegacyIds(path.join(opts.data!, 'fal-pages', 'legacy-ids.tsv'))) {
    if (byKey.has(endpointKey(id))) continue;
    byKey.set(endpointKey(id), newEntry(id, observation));
  }
  // fal's own pages: every badge read off a copy is an observation of its exact id; ids met on
  // fal's pages that the catalog lacks become entries.
  const pages = dedupePages([
    ...(await readBadgeRecords(ref('fal-page-badges.tsv'))),
    ...(await readPageRecords(path.join(opts.data!, 'fal-pages'))),
  ]);
  for (const page of pages) {
    const obs = pageObservation(page);
    let model = byKey.get(endpointKey(page.id));
    if (!model) {
      if (!obs) continue; // a copy that states no hosted fact does not make an endpoint
      model = newEntry(page.id, obs);
      byKey.set(endpointKey(page.id), model);
    } else if (obs) {
      model.hosted.observations.push(obs);
    }
    // llms.txt and docs copies state name, category and price: they fill what is unknown.
    if (page.name && model.name === model.id) model.name = page.name;
    if (page.category && model.category === 'unknown') model.category = normaliseCategory(page.category);
    if (page.price && !model.price) {
      model.price = { ...page.price, provenance: { source: `fal.ai page, stored public copy`, url: page.url, observed: COPIES_READ_BY, evidence: 'primary', note: 'undated copy; the date is the day it was read' } };
    }
  }
  const closed = await readClosedWeights(path.join(opts.data!, 'weights', 'closed.tsv'));
  for (const model of byKey.values()) {
    const c = closed.for(model.id);
    if (!c) continue;
    // Closed is recorded only where nothing says the weights are public.
    if (!model.weights || (!model.weights.license && !model.weights.upstreamRepo)) model.weights = c.weights;
    if (!model.lab) model.lab = c.lab;
  }
  // fal's category slugs are also the last segments of many ids (`…/pro/image-to-video`): an
  // endpoint whose category no source states gets the slug its own id ends with, when that slug
  // is one of fal's categories. Only the category: a label is never derived from an id.
  const categories = new Set([...byKey.values()].map((m) => m.category).filter((c) => c !== 'unknown'));
  for (const model of byKey.values()) {
    if (model.category !== 'unknown') continue;
    const last = model.id.split('/').at(-1)!;
    if (categories.has(last)) model.category = last;
  }
  const generated = [...byKey.values()];
  const ownedByGenerator = (o: Observation) =>
    referenceSources.has(o.source) || o.source.startsWith(PAGE_SOURCE) || o.source.startsWith(LEGACY_SOURCE);

  const existing = await loadContentDir(contentRoot, { allowMissing: true });
  if (existing.problems.length > 0) {
    for (const p of existing.problems) console.error(formatProblem(p));
    console.error(`generate-content: ${existing.problems.length} problem(s) in existing content; fix them first, nothing was written`);
    return 1;
  }
  const existingModels = new Map(existing.models.map((e) => [e.data.id, e]));
  const existingLicenses = new Map(existing.licenses.map((e) => [e.data.id, e]));

  const changes = new Map<string, string>();
  const modelEntries: Entry<Model>[] = [];
  const licenseEntries: Entry<License>[] = [];
  let added = 0;
  let changed = 0;

  const stage = async <T extends { id: string }>(
    dir: string, schema: typeof ModelSchema | typeof LicenseSchema, data: T, old: { body: string; file: string } | undefined, out: Entry<T>[],
  ) => {
    const rel = path.join(dir, `${data.id}.md`);
    const file = path.join(contentRoot, rel);
    const text = serializeEntry(schema, data, old?.body ?? '');
    const before = old ? await readFile(old.file, 'utf8') : undefined;
    if (before !== text) {
      changes.set(rel, text);
      if (before === undefined) added++;
      else changed++;
    }
    out.push({ file, pathId: data.id, data, body: old?.body ?? '' });
  };

  for (const lic of licenses) {
    const old = existingLicenses.get(lic.id);
    await stage('licenses', LicenseSchema, lic, old, licenseEntries);
  }
  for (const model of generated) {
    const old = existingModels.get(model.id);
    await stage('models', ModelSchema, ModelSchema.parse(mergeModel(old?.data, model, ownedByGenerator)), old, modelEntries);
  }
  // Files that the reference does not know (added by people or by the sync) stay as they are.
  const ours = new Set(modelEntries.map((e) => e.data.id));
  for (const e of existing.models) if (!ours.has(e.data.id)) modelEntries.push(e);
  const oursL = new Set(licenseEntries.map((e) => e.data.id));
  for (const e of existing.licenses) if (!oursL.has(e.data.id)) licenseEntries.push(e);

  const { catalog, problems } = buildCatalog(modelEntries, licenseEntries);
  if (problems.length > 0) {
    for (const p of problems) console.error(formatProblem(p));
    console.error(`generate-content: the generated catalog is invalid; nothing was written`);
    return 1;
  }
  const summary = `${catalog.models.length} models, ${catalog.licenses.length} licences: ${added} new, ${changed} changed, ${catalog.models.length + catalog.licenses.length - added - changed} unchanged`;
  if (opts.check) {
    console.log(`generate-content --check: ${summary}`);
    return changes.size > 0 ? 1 : 0;
  }
  await replaceTree(contentRoot, changes);
  console.log(`generate-content: ${summary}`);
  return 0;
}

function labelled(m: Model): boolean {
  return m.hosted.observations.some((o) => o.label !== undefined);
}

/** An entry for an id the reference lacks: what its first observation says, the rest unknown. */
function newEntry(id: string, observation: Observation): Model {
  return ModelSchema.parse({ id, name: id, category: 'unknown', url: `https://fal.ai/models/${id}`, hosted: { observations: [observation] } });
}

/**
 * One spelling per lab: the reference writes a lab as its namespace slug (`minimax`) or as its
 * brand (`MiniMax`); a brand spelling (with capitals) wins, then the most frequent.
 */
function preferredSpellings(names: string[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const n of names) {
    const forms = counts.get(n.toLowerCase()) ?? new Map<string, number>();
    forms.set(n, (forms.get(n) ?? 0) + 1);
    counts.set(n.toLowerCase(), forms);
  }
  const out = new Map<string, string>();
  for (const [key, forms] of counts) {
    const best = [...forms.entries()].sort(([a, na], [b, nb]) => Number(b !== b.toLowerCase()) - Number(a !== a.toLowerCase()) || nb - na || (a < b ? -1 : 1))[0]![0];
    out.set(key, best);
  }
  return out;
}

main().then((code) => { process.exitCode = code; }, (e: Error) => {
  console.error(`generate-content: ${e.message}`);
  process.exitCode = 1;
});
