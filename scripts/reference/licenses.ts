import type { License } from '../../src/core/schema/license.ts';
import { isNone, isUnknown } from './tsv.ts';

/**
 * The figures a machine compares with an organisation's facts, transcribed from the reference's
 * own condition text (each `mention` must appear in that text, so a figure cannot drift from its
 * source). Conditions without an entry keep their text and need a person to read them.
 */
const FIGURES: Record<string, { revenue?: { usd: number; inclusive: boolean; mention: string }; mau?: { users: number; mention: string }; territories?: { regions: string[]; mention: string; scope?: string } }> = {
  'LicenseRef-Stability-AI-Community': { revenue: { usd: 1_000_000, inclusive: false, mention: 'MORE THAN USD 1,000,000' } },
  'LicenseRef-LTXV-Open-Weights': { revenue: { usd: 10_000_000, inclusive: true, mention: 'AT LEAST USD 10,000,000' } },
  'LicenseRef-LTX-2-Community': { revenue: { usd: 10_000_000, inclusive: true, mention: '>= USD 10,000,000' } },
  'LicenseRef-Llama-2-Community': { mau: { users: 700_000_000, mention: '>700M MAU' } },
  'LicenseRef-Llama-3-Community': { mau: { users: 700_000_000, mention: '>700M MAU' } },
  'LicenseRef-Llama-3.1-Community': { mau: { users: 700_000_000, mention: '>700M MAU' } },
  'LicenseRef-Llama-3.2-Community': {
    mau: { users: 700_000_000, mention: '>700M MAU' },
    territories: { regions: ['EU'], mention: 'EU', scope: 'multimodal (vision) models' },
  },
  'LicenseRef-Llama-3.3-Community': { mau: { users: 700_000_000, mention: '>700M MAU' } },
  'LicenseRef-Llama-4-Community': {
    mau: { users: 700_000_000, mention: '>700M MAU' },
    territories: { regions: ['EU'], mention: 'EU', scope: 'multimodal models' },
  },
  'LicenseRef-Tongyi-Qianwen': { mau: { users: 100_000_000, mention: '>100M MAU' } },
  'LicenseRef-Qwen-License': { mau: { users: 100_000_000, mention: '>100M MAU' } },
  'LicenseRef-Tencent-Hunyuan-Community': {
    mau: { users: 100_000_000, mention: '>100M MAU' },
    territories: { regions: ['EU', 'GB', 'KR'], mention: 'EU, United Kingdom, South Korea' },
  },
  'LicenseRef-Tencent-Hunyuan-3D-2.0-Community': {
    mau: { users: 1_000_000, mention: '>1M MAU' },
    territories: { regions: ['EU', 'GB', 'KR'], mention: 'EU, UK, South Korea' },
  },
  'LicenseRef-Kolors-Model-License': { mau: { users: 300_000_000, mention: '>300M MAU' } },
};

/** The reference's wording of commercial use, mapped onto the four values the schema knows. */
export function commercialUseOf(text: string): License['commercialUse'] {
  const t = text.trim().toLowerCase();
  if (t.startsWith('unknown')) return 'unknown';
  if (t.startsWith('conditional') || t.startsWith('plan-dependent') || t.startsWith('paid tiers') || t.startsWith('per model') || t.startsWith('reported: paid plans')) return 'conditional';
  if (t.startsWith('no')) return 'prohibited';
  if (t.startsWith('yes')) return 'allowed';
  throw new Error(`commercial_use "${text}" has no mapping; add one rather than guess`);
}

const EVIDENCE = { P: 'primary', S: 'secondary', U: 'unknown' } as const;

export function evidenceLevel(text: string): 'primary' | 'secondary' | 'unknown' {
  const letter = text.trim().charAt(0) as keyof typeof EVIDENCE;
  return EVIDENCE[letter] ?? 'unknown';
}

function text(value: string | undefined): { text: string } | null {
  if (isNone(value) || isUnknown(value) || /^license silent$/i.test(value ?? '')) return null;
  return { text: value!.trim() };
}

function mustMention(id: string, field: string, source: string, mention: string): void {
  if (!source.includes(mention)) throw new Error(`licenses.tsv ${id}: ${field} figure expects "${mention}" in "${source}"`);
}

/** One licences.tsv row → the licence's front matter. Pure. */
export function licenseFromRow(row: Record<string, string>): License {
  const id = row.id!;
  const figures = FIGURES[id] ?? {};
  const revenueText = row.revenue_threshold!;
  const mauText = row.mau_threshold!;
  const territoryText = row.territory_excluded!;

  let revenueThreshold: License['conditions']['revenueThreshold'] = null;
  if (figures.revenue) {
    mustMention(id, 'revenue', revenueText + ' ' + row.commercial_use, figures.revenue.mention);
    revenueThreshold = { text: revenueText, usd: figures.revenue.usd, inclusive: figures.revenue.inclusive };
  } else if (!isNone(revenueText) && !/^n\/a\b/i.test(revenueText)) {
    revenueThreshold = { text: isUnknown(revenueText) ? 'unknown: not verified' : revenueText, usd: null, inclusive: false };
  }

  let mauCap: License['conditions']['mauCap'] = null;
  if (figures.mau) {
    mustMention(id, 'mau', mauText, figures.mau.mention);
    mauCap = { text: mauText, users: figures.mau.users };
  } else if (!isNone(mauText) && !/^n\/a\b/i.test(mauText)) {
    mauCap = { text: isUnknown(mauText) ? 'unknown: not verified' : mauText, users: null };
  }

  let excludedTerritories: License['conditions']['excludedTerritories'] = null;
  if (figures.territories) {
    mustMention(id, 'territories', territoryText, figures.territories.mention);
    excludedTerritories = { text: territoryText, regions: figures.territories.regions, ...(figures.territories.scope ? { scope: figures.territories.scope } : {}) };
  } else if (!isNone(territoryText) && !/^none\b/i.test(territoryText)) {
    // Text without a region list (sanctions, "unknown"): shown to a reviewer, not evaluated.
    excludedTerritories = { text: territoryText, regions: [] };
  }

  const nonCommercialScope = text(row.non_commercial_scope);
  const registration = /^(?:no\b|n\/a)/i.test(row.registration_required ?? '') ? null : text(row.registration_required);
  // Some rows give a second address in prose after the first; the first is the licence text.
  const url = /https?:\/\/[^\s;()]+/.exec(row.text_url ?? '')?.[0] ?? null;
  return {
    id,
    spdx: isNone(row.spdx_id) ? null : row.spdx_id!,
    scancodeKey: isNone(row.scancode_licenseref) || row.scancode_licenseref === '(SPDX)' ? null : row.scancode_licenseref!,
    name: row.name!,
    version: isNone(row.version_or_date) ? null : row.version_or_date!,
    url,
    commercialUse: commercialUseOf(row.commercial_use!),
    commercialUseText: row.commercial_use!,
    conditions: {
      revenueThreshold,
      mauCap,
      excludedTerritories,
      attribution: text(row.attribution_naming),
      noticeFile: /^no\b/i.test(row.notice_file ?? '') ? null : text(row.notice_file),
      acceptableUse: text(row.aup_use_restrictions),
      flowDown: text(row.flow_down_to_users),
      outputOwnership: text(row.output_ownership),
      outputTraining: /^(?:none|no ban)/i.test(row.output_training_restriction ?? '') ? null : text(row.output_training_restriction),
      nonCommercialScope,
      shareAlike: /^yes\b/i.test(row.share_alike ?? ''),
      registration,
      hosting: nonCommercialScope && /hosted/i.test(nonCommercialScope.text) ? nonCommercialScope : null,
      other: text(row.other_conditions),
    },
    hfTags: isNone(row.hf_license_tag_seen) ? [] : [row.hf_license_tag_seen!],
    evidence: { level: evidenceLevel(row.evidence!), note: row.evidence! },
    sources: [...(row.text_url && row.text_url !== url ? [row.text_url] : url ? [url] : []), 'shared/reference/licenses.tsv'],
  };
}
