import picomatch from 'picomatch';
import type { Model } from '../../src/core/schema/model.ts';
import type { Provenance } from '../../src/core/schema/common.ts';
import type { Observation } from '../../src/core/schema/observation.ts';
import { endpointKey } from '../../src/core/catalog/endpoint-id.ts';
import { evidenceLevel } from './licenses.ts';

/**
 * Upstream licence statements from fal-endpoints.tsv (Hugging Face card tags and licence file
 * names) that name one of the catalog's licences unambiguously. A statement not listed keeps
 * its text and links no licence: it is never guessed.
 */
const STATEMENTS: [RegExp, string][] = [
  [/^FLUX\.1 \[dev\] Non-Commercial License\b/, 'LicenseRef-FLUX-1-dev-Non-Commercial'],
  [/^apache-2\.0$/, 'Apache-2.0'],
  [/^tencent-hunyuan-community$/, 'LicenseRef-Tencent-Hunyuan-Community'],
  [/^stabilityai-ai-community\b/, 'LicenseRef-Stability-AI-Community'],
  [/^other: The CogVideoX License$/, 'LicenseRef-CogVideoX'],
  [/^cc-by-nc-sa-4\.0\b/, 'CC-BY-NC-SA-4.0'],
];

export interface FamilyLink {
  family: string;
  /** null when the family's weights licence is not one of the catalog's (unknown, closed, unverified). */
  licenseId: string | null;
  evidence: Provenance['evidence'];
  matchesRepo: (repo: string) => boolean;
  /** Endpoint ids the family row itself names as serving this family. */
  endpoints: string[];
}

/** Every model-families.tsv row, with its licence when that is one of the catalog's licences. */
export function familyLinks(rows: Record<string, string>[], licenseIds: ReadonlySet<string>): FamilyLink[] {
  const links: FamilyLink[] = [];
  for (const row of rows) {
    const first = (row.weights_license_id ?? '').split(/[\s(]/)[0]!;
    const licenseId = licenseIds.has(first) ? first : null;
    const patterns = (row.example_repo_or_endpoint ?? '')
      .split(/[;,\s]+/)
      .flatMap(expandOptionalSuffix)
      .filter((t) => /^[\w.-]+\/[\w.*-]+$/.test(t));
    const matchers = patterns.map((p) => picomatch(p, { nocase: true }));
    const endpoints = [...(row.hosted_api_status ?? '').matchAll(/\b(?:fal-ai|fal)\/[\w.-]+(?:\/[\w.-]+)*/g)].map((m) => m[0].replace(/[.,;]+$/, ''));
    links.push({
      family: row.model_family!,
      licenseId,
      evidence: /\(reported|verify|secondary/i.test(row.weights_license_id!) ? 'secondary' : evidenceLevel(row.evidence ?? 'U'),
      matchesRepo: (repo) => matchers.some((m) => m(repo)),
      endpoints,
    });
  }
  return links;
}

/** `org/model(-xt)` → `org/model`, `org/model-xt`. */
function expandOptionalSuffix(token: string): string[] {
  const m = /^(.*)\(([^()]*)\)$/.exec(token);
  return m ? [m[1]!, m[1]! + m[2]!] : [token];
}

function observedFrom(source: string): string {
  const date = /\d{4}-\d{2}-\d{2}/.exec(source)?.[0];
  if (!date) throw new Error(`no observation date in source "${source}"`);
  return date;
}

/** fal-endpoints.tsv row → the model's front matter (without human fields). Pure. */
export function modelFromRow(row: Record<string, string>, families: readonly FamilyLink[]): Model {
  const id = row.endpoint_id!;
  const observed = observedFrom(row.source!);
  const labelled = row.fal_license_label !== 'unknown';
  const url = /^https:\/\//.test(row.fal_page ?? '') ? row.fal_page! : undefined;
  // A labelled row states fal's badge and billing data; an unlabelled one only that the id is listed.
  const observation: Observation = {
    source: row.source!,
    ...(url ? { url } : {}),
    observed,
    evidence: labelled ? 'secondary' : 'unknown',
    ...(labelled
      ? {
          label: row.fal_license_label as NonNullable<Observation['label']>,
          ...(row.partner_api === 'yes' || row.partner_api === 'no' ? { partnerApi: row.partner_api } : {}),
          ...(row.provider_type && row.provider_type !== 'unknown' ? { providerType: row.provider_type as NonNullable<Observation['providerType']> } : {}),
          note: "fal's model-page badge and billing data, as captured by a public scrape of fal.ai",
        }
      : { note: 'the id is listed by @fal-ai/client; no licence label was published with it' }),
  };
  const price = row.price_usd && Number.isFinite(Number(row.price_usd))
    ? { usd: Number(row.price_usd), unit: row.billing_unit || 'unspecified', provenance: { source: row.source!, ...(url ? { url } : {}), observed, evidence: 'secondary' as const } }
    : null;
  return {
    id,
    name: row.display_name && row.display_name !== 'unknown' ? row.display_name : id,
    category: row.category || 'unknown',
    lab: row.lab_hint && row.lab_hint !== 'unknown' ? { name: row.lab_hint, source: row.lab_source || 'reference data' } : null,
    ...(url ? { url } : {}),
    tags: [],
    hosted: { observations: [observation] },
    weights: weightsFromRow(row, observed, families),
    aliases: [],
    price,
    review: null,
  };
}

function weightsFromRow(row: Record<string, string>, observed: string, families: readonly FamilyLink[]): Model['weights'] {
  const id = row.endpoint_id!;
  const repo = row.hf_upstream_repo || null;
  const statement = row.upstream_weights_license && row.upstream_weights_license !== 'unknown' ? row.upstream_weights_license : null;
  const cardSource = row.upstream_license_source || (repo ? `Hugging Face model card of ${repo}` : '');
  const cardUrl = /https:\/\/\S+/.exec(cardSource)?.[0];

  const fromStatement = statement ? STATEMENTS.find(([re]) => re.test(statement))?.[1] : undefined;
  if (fromStatement) {
    return { license: fromStatement, closed: false, upstreamRepo: repo, statement, provenance: { source: cardSource || row.source!, ...(cardUrl ? { url: cardUrl } : {}), observed, evidence: 'secondary', note: 'upstream licence as stated on the weights\' model card; the date is that of the endpoint snapshot' } };
  }
  // One repository can hold several releases under different licences (LTX-Video 0.9, 0.9.5 and
  // 0.9.6+ share Lightricks/LTX-Video): a link is made only when every matching family agrees.
  const byRepo = repo ? families.filter((f) => f.matchesRepo(repo)) : [];
  const byName = families.filter((f) => f.endpoints.some((e) => endpointKey(e) === endpointKey(id)));
  const candidates = byRepo.length > 0 ? byRepo : byName;
  const agreed = new Set(candidates.map((f) => f.licenseId));
  const family = agreed.size === 1 && candidates[0]!.licenseId ? candidates[0] : undefined;
  if (family?.licenseId) {
    return { license: family.licenseId, closed: false, upstreamRepo: repo, statement, provenance: { source: `shared/reference/model-families.tsv: ${family.family}`, observed, evidence: family.evidence, note: repo ? `weights repository ${repo} belongs to this family` : 'the family row names this endpoint' } };
  }
  if (repo || statement) {
    const note = agreed.size > 1
      ? `families disagree on the licence (${candidates.map((f) => `${f.family}: ${f.licenseId ?? 'unknown'}`).join('; ')}); which release is served is not known`
      : 'no licence in the catalog is known to apply';
    return { license: null, closed: false, upstreamRepo: repo, statement, provenance: { source: cardSource || row.source!, ...(cardUrl ? { url: cardUrl } : {}), observed, evidence: 'unknown', note } };
  }
  return null;
}
