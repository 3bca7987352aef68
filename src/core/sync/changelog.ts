import type { HostedLabel, ModelStatus, PartnerFlag, ProviderType } from '../schema/model.ts';
import { writeFileAtomic } from '../content/write.ts';
import type { Impact } from '../inventory/impact.ts';
import { mdCell } from '../reporters/markdown.ts';

export interface LabelChange {
  id: string;
  name: string;
  from: HostedLabel;
  to: HostedLabel;
}

export interface EndpointNote {
  id: string;
  name: string;
  label: HostedLabel;
}

export interface StatusChange extends EndpointNote {
  from: ModelStatus;
  to: ModelStatus;
  lastSeen?: string;
}

/** The effective Partner flag or provider type changed (read from fal's model pages). */
export interface PartnerChange {
  id: string;
  name: string;
  from: PartnerFlag;
  to: PartnerFlag;
  providerFrom: ProviderType;
  providerTo: ProviderType;
}

/** What the pricing source did: skipped (and why), or what it asked and found. */
export type PricesReport =
  | { skipped: string }
  | { asked: number; stated: number; notUsd: { id: string; currency: string }[] };

/** What the model-page source did: skipped, or what it read. */
export type PartnerPagesReport =
  | { skipped: string }
  | { asked: number; fetched: number; stated: number; noPage: string[]; noData: { id: string; reason: string }[] };

export type ClientCheck =
  | { file: string; count: number; missing: string[] }
  | { skipped: string };

/**
 * What a sync found, as data: rendered to Markdown for people and written as JSON for tools.
 * Labels, statuses and Partner flags are the effective facts (src/core/facts/resolve.ts) before
 * and after the run's observations, not the observations themselves.
 */
export interface Changelog {
  /** The observation date (YYYY-MM-DD). */
  observed: string;
  /** The API base the listing came from. */
  source: string;
  /** Endpoints in the complete listing. */
  listed: number;
  /** commercial → research/private: the headline. Also contained in `labelChanges`. */
  restricted: LabelChange[];
  /** Every change of an effective hosted licence label (of entries that existed before). */
  labelChanges: LabelChange[];
  /** Every change of an effective Partner flag or provider type (of entries that existed before). */
  partnerChanges: PartnerChange[];
  added: EndpointNote[];
  /** Status changed to removed: in the catalog, absent from the listing. */
  removed: StatusChange[];
  /** Status changed to deprecated. */
  deprecated: StatusChange[];
  /** Status changed back to active (was deprecated or removed). */
  reactivated: StatusChange[];
  /**
   * Other changes: name, category, tags, fal's dates, price, and `hosted.observations` when an
   * observation was appended that changed no effective label, status or Partner flag.
   */
  updated: { id: string; fields: string[] }[];
  /** Re-observed: only dates moved (`lastSeen`, an observation's `confirmed`, a price's `observed`). */
  refreshed: number;
  unchanged: number;
  /** Ids in the installed @fal-ai/client's EndpointTypeMap that the catalog (after the sync) lacks. */
  clientEndpoints: ClientCheck;
  prices: PricesReport;
  partnerPages: PartnerPagesReport;
  warnings: string[];
  /** With `--inventory`: who in the organisation each label and status change hits. */
  impact?: ChangelogImpact;
}

/**
 * Every label and status change of a sync matched against an organisation's inventory
 * (src/core/inventory/impact.ts): the repositories calling each endpoint, a call site each.
 */
export interface ChangelogImpact {
  /** The inventory file, when it was made, and how many repositories it covers. */
  inventory: { file: string; generatedAt: string; repositories: number };
  /** Endpoints in use first (stricter first), then the ones no repository calls; `line` as printed. */
  changes: (Impact & { line: string })[];
  /** Endpoints in use that became stricter: with `--check`, any of them makes the exit code 1. */
  breaking: string[];
}

/** A changelog with nothing recorded yet. */
export function emptyChangelog(c: Pick<Changelog, 'observed' | 'source' | 'listed' | 'prices' | 'partnerPages' | 'warnings'>): Changelog {
  return {
    ...c,
    restricted: [],
    labelChanges: [],
    partnerChanges: [],
    added: [],
    removed: [],
    deprecated: [],
    reactivated: [],
    updated: [],
    refreshed: 0,
    unchanged: 0,
    clientEndpoints: { skipped: 'not run' },
  };
}

/** Every list by endpoint id, so a changelog does not depend on file order. */
export function sortChangelog(c: Changelog): void {
  for (const list of [c.restricted, c.labelChanges, c.partnerChanges, c.added, c.removed, c.deprecated, c.reactivated, c.updated]) {
    (list as { id: string }[]).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

/**
 * Whether the live catalog differs from content/ in an effective fact the gate judges: a licence
 * label, a status, a Partner flag, an endpoint added or gone. Dates never count.
 */
export function labelsDiffer(c: Changelog): boolean {
  return c.labelChanges.length + c.partnerChanges.length + c.added.length + c.removed.length + c.deprecated.length + c.reactivated.length > 0;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const code = (s: string) => `\`${s}\``;

function table(headers: string[], rows: string[][]): string[] {
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

export function renderChangelogMarkdown(c: Changelog): string {
  const out: string[] = [`# fal catalog sync, ${c.observed}`, '', `Source: ${c.source} (${c.listed} endpoints listed).`, ''];
  out.push(`## ⚠ Commercial use withdrawn: commercial → research/private (${c.restricted.length})`, '');
  if (c.restricted.length === 0) out.push('None.');
  else {
    out.push('A project calling these endpoints for commercial work is no longer covered by fal\'s label. Review them before merging.', '');
    out.push(...table(['Endpoint', 'Name', 'Was', 'Now'], c.restricted.map((l) => [code(l.id), l.name, l.from, `**${l.to}**`])));
  }
  out.push('');
  if (c.impact) out.push(...impactSection(c.impact));
  const section = (title: string, count: number, body: () => string[]) => {
    out.push(`## ${title} (${count})`, '');
    out.push(...(count === 0 ? ['None.'] : body()), '');
  };
  section('Label changes', c.labelChanges.length, () => table(['Endpoint', 'Name', 'Was', 'Now'], c.labelChanges.map((l) => [code(l.id), l.name, l.from, l.to])));
  const partner = (flag: PartnerFlag, type: ProviderType) => `${flag}${type === 'unknown' ? '' : ` (${type})`}`;
  section('Partner flag changes', c.partnerChanges.length, () =>
    table(['Endpoint', 'Name', 'Was', 'Now'], c.partnerChanges.map((p) => [code(p.id), p.name, partner(p.from, p.providerFrom), partner(p.to, p.providerTo)])));
  section('Added endpoints', c.added.length, () => table(['Endpoint', 'Name', 'Label'], c.added.map((a) => [code(a.id), a.name, a.label])));
  section('Removed endpoints (kept, marked `status: removed`)', c.removed.length, () =>
    table(['Endpoint', 'Name', 'Label', 'Last seen'], c.removed.map((r) => [code(r.id), r.name, r.label, r.lastSeen ?? 'never synced'])));
  section('Deprecated', c.deprecated.length, () => table(['Endpoint', 'Name', 'Label', 'Was'], c.deprecated.map((d) => [code(d.id), d.name, d.label, d.from])));
  section('Active again', c.reactivated.length, () => table(['Endpoint', 'Name', 'Label', 'Was'], c.reactivated.map((d) => [code(d.id), d.name, d.label, d.from])));
  if ('skipped' in c.clientEndpoints) {
    out.push('## In @fal-ai/client but not in the catalog', '', `Not checked: ${c.clientEndpoints.skipped}.`, '');
  } else {
    const ce = c.clientEndpoints;
    section('In @fal-ai/client but not in the catalog', ce.missing.length, () => [
      `The installed client's EndpointTypeMap (${ce.count} ids, ${ce.file}) names these; fal's listing does not, so their labels are unknown:`,
      '',
      ...ce.missing.map((id) => `- ${code(id)}`),
    ]);
  }
  out.push('## Other sources', '', `- Prices: ${pricesLine(c.prices)}`, `- Partner flags from model pages: ${pagesLine(c.partnerPages)}`, '');
  if (c.warnings.length > 0) out.push(`## Warnings (${c.warnings.length})`, '', ...c.warnings.map((w) => `- ${w}`), '');
  const fieldCounts = new Map<string, number>();
  for (const u of c.updated) for (const f of u.fields) fieldCounts.set(f, (fieldCounts.get(f) ?? 0) + 1);
  const fields = [...fieldCounts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([f, n]) => `${f} ${n}`).join(', ');
  out.push('## Summary', '');
  out.push(`- ${c.labelChanges.length} label change(s), ${c.restricted.length} of them commercial → research/private`);
  out.push(`- ${c.added.length} added, ${c.removed.length} removed, ${c.deprecated.length} deprecated, ${c.reactivated.length} active again`);
  out.push(`- ${c.updated.length} entr${c.updated.length === 1 ? 'y' : 'ies'} with other updates${fields ? ` (${fields})` : ''}`);
  out.push(`- ${c.partnerChanges.length} Partner flag change(s)`);
  out.push(`- ${c.refreshed} only re-observed (dates moved), ${c.unchanged} unchanged`);
  return `${out.join('\n')}\n`;
}

/** Who is affected: every change's impact line, the stricter ones for endpoints in use marked. */
function impactSection(i: ChangelogImpact): string[] {
  const inUse = i.changes.filter((x) => x.repositories.length > 0).length;
  const out = [
    `## Who is affected: ${inUse} of ${i.changes.length} label/status change(s) hit endpoints in use`,
    '',
    `Matched against the inventory ${mdCell(i.inventory.file)} (${i.inventory.repositories} ${i.inventory.repositories === 1 ? 'repository' : 'repositories'}, generated ${i.inventory.generatedAt}). ${i.breaking.length === 0 ? 'No endpoint in use became stricter.' : `${i.breaking.length} endpoint(s) in use became stricter: ${i.breaking.map(code).join(', ')}.`}`,
    '',
  ];
  if (i.changes.length === 0) out.push('No label or status changed.');
  for (const x of i.changes) out.push(`- ${x.stricter && x.repositories.length > 0 ? '**stricter:** ' : ''}${mdCell(x.line)}`);
  return [...out, ''];
}

const some = (items: readonly string[], max = 10) => `${items.slice(0, max).join(', ')}${items.length > max ? ` and ${items.length - max} more` : ''}`;

function pricesLine(p: PricesReport): string {
  if ('skipped' in p) return `not read (${p.skipped}).`;
  const other = p.notUsd.length > 0 ? `; ${p.notUsd.length} not in USD, not written: ${some(p.notUsd.map((n) => `${code(n.id)} (${n.currency})`))}` : '';
  return `${p.stated} of ${p.asked} listed endpoints have a price from fal's pricing API${other}.`;
}

function pagesLine(p: PartnerPagesReport): string {
  if ('skipped' in p) return `not read (${p.skipped}).`;
  const gone = p.noPage.length > 0 ? `; no page (404) for ${some(p.noPage.map(code))}` : '';
  const none = p.noData.length > 0 ? `; no Partner data on ${p.noData.length} page(s): ${some(p.noData.map((n) => code(n.id)))}` : '';
  return `${p.stated} of ${p.asked} pages state a Partner flag (${p.fetched} fetched)${gone}${none}.`;
}

/** `x.md` → `x.md` + `x.json`; any other name gets `.md`/`.json` appended to its stem. */
export function changelogPaths(file: string): { md: string; json: string } {
  const stem = file.replace(/\.(md|json)$/i, '');
  return { md: `${stem}.md`, json: `${stem}.json` };
}

export async function writeChangelog(c: Changelog, file: string): Promise<{ md: string; json: string }> {
  const paths = changelogPaths(file);
  await writeFileAtomic(paths.md, renderChangelogMarkdown(c));
  await writeFileAtomic(paths.json, `${JSON.stringify(c, null, 2)}\n`);
  return paths;
}
