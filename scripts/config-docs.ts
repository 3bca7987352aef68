/**
 * Generates docs/config-reference.md from the published JSON Schema of modelgate.config.json
 * (dist/schema/config.schema.json, itself generated from the zod policy schema), so the
 * reference cannot drift from what the gate accepts.
 *
 *   npm run docs:config            regenerate docs/config-reference.md
 *   npm run docs:config -- --check exit 1 if the committed file differs from what it would write
 *
 * The schema carries no descriptions yet; until it does, they come from DESCRIPTIONS below,
 * and every field must have one (the generator fails otherwise, so a new field needs a line here).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  required?: string[];
  description?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
  format?: string;
  title?: string;
};

const EFFECT = 'what a matching finding does: `allow` passes silently, `warn` is reported but passes, `review` fails until someone decides (a waiver or a policy change), `deny` fails';

/** Descriptions by field path (`a.b`, `a[].b`, `contexts.*.x` for the per-context overrides). */
export const DESCRIPTIONS: Record<string, string> = {
  $schema: 'Editor hint only, ignored by the gate: e.g. `./node_modules/modelgate/dist/schema/config.schema.json` or your catalog site\'s `/schema/config.schema.json`.',
  extends: 'Organisation-wide policy file(s) this one builds on, relative to this file. Later entries win over earlier ones; this file wins over all of them.',
  labels: `Effect per fal hosted-terms label. Fail closed: anything fal has not labelled commercial is not allowed by default. Each value is ${EFFECT}.`,
  'labels.commercial': 'Models fal labels commercial use allowed.',
  'labels.research': 'Models fal labels "Research only": outputs may not be used commercially.',
  'labels.private': 'Endpoints fal labels private: not offered to the public, terms per agreement.',
  'labels.unknown': 'Models the catalog has no fal label for.',
  tests: '`warn` (default) or `strict`. Test code produces no commercial output and its fixture ids are often invented, so by default research-only, unknown-model and unknown-label findings in test code (see `classify` and the README for what counts as test code) are warnings, not failures; they stay in every output with their rule ids. `strict` judges test code like source code. A `contexts.test` override still decides over this default.',
  classify: 'Globs (relative to the project root) that override the built-in usage classification of a path (test folders, `*.test.*`, …; see the README). `source` is checked first, then `test`, `example`, `docs`.',
  'classify.source': 'Paths judged as shipped code, whatever the built-in rules say (e.g. `src/testing/**` helpers that ship).',
  'classify.test': 'Paths judged as test code (e.g. `qa/**`).',
  'classify.example': 'Paths judged as examples.',
  'classify.docs': 'Paths judged as documentation.',
  'labels.unknownWithConsistentFamily': 'Opt-in, `warn`, `review` or `deny` (never `allow`): the effect for an unknown label whose family is consistent (at least two labelled endpoints, all Commercial use, none ever research-only or private), instead of `labels.unknown`. Family evidence never sets a label; this lets such an id ask for a review instead of a waiver.',
  partnerApi: 'Calls to Partner API endpoints (hosted by a fal partner, whose availability it is).',
  deprecated: 'Calls to models fal has deprecated.',
  removed: 'Calls to models fal no longer serves.',
  unknownModel: 'Calls to an endpoint id that is not in the catalog.',
  dynamic: 'Calls whose endpoint id is not a literal, so the model cannot be checked statically.',
  licenceCondition: 'Self-hosting: a weights-licence condition the organisation does not meet (revenue, users, territory).',
  weightsLicenceUnknown: 'Self-hosting: weights whose licence the catalog does not know.',
  contexts: 'Overrides per usage context, decided from the file path: `test` (test folders, `*.test.*`, `*_test.go`, …), `example` (examples/, demo/, samples/), `docs` (docs/), else `source`. E.g. tests may call research-only models. Unset fields inherit the top-level effects.',
  'contexts.*': 'Overrides for this context; same fields as the top level.',
  'contexts.*.labels': 'Effect per fal label in this context.',
  'contexts.*.labels.commercial': 'As `labels.commercial`, in this context.',
  'contexts.*.labels.research': 'As `labels.research`, in this context.',
  'contexts.*.labels.private': 'As `labels.private`, in this context.',
  'contexts.*.labels.unknown': 'As `labels.unknown`, in this context.',
  'contexts.*.labels.unknownWithConsistentFamily': 'As `labels.unknownWithConsistentFamily`, in this context.',
  'contexts.*.partnerApi': 'As `partnerApi`, in this context.',
  'contexts.*.deprecated': 'As `deprecated`, in this context.',
  'contexts.*.removed': 'As `removed`, in this context.',
  'contexts.*.unknownModel': 'As `unknownModel`, in this context.',
  'contexts.*.dynamic': 'As `dynamic`, in this context.',
  'contexts.*.licenceCondition': 'As `licenceCondition`, in this context.',
  'contexts.*.weightsLicenceUnknown': 'As `weightsLicenceUnknown`, in this context.',
  models: 'Per-model decisions that stand without expiry: an organisation banning or flagging one endpoint whatever its label.',
  'models[].model': 'The fal endpoint id, e.g. `fal-ai/flux/dev`.',
  'models[].effect': 'What a call to it does.',
  'models[].reason': 'Why; shown with every finding it decides.',
  organisation: 'Facts about the organisation, compared with the conditions of conditional weights licences.',
  'organisation.annualRevenueUsd': 'Annual revenue in US dollars.',
  'organisation.monthlyActiveUsers': 'Monthly active users.',
  'organisation.territories': 'Where the organisation operates: ISO 3166-1 alpha-2 codes (or `EU`).',
  'organisation.selfHosting': 'Whether the organisation runs the weights itself; then the weights licence governs, not fal\'s hosted label.',
  waivers: 'Time-boxed, signed-off exceptions. An expired waiver stops covering its findings and the gate fails again (exit 1).',
  'waivers[].model': 'The endpoint id the waiver covers, or `dynamic` for calls whose id is not a literal.',
  'waivers[].paths': 'Globs, relative to the project root, the waiver is limited to; absent means the whole project.',
  'waivers[].reason': 'Why the exception is acceptable.',
  'waivers[].approvedBy': 'Who signed it off.',
  'waivers[].approvedOn': 'Approval date, `YYYY-MM-DD`.',
  'waivers[].expires': 'Expiry date, `YYYY-MM-DD`; at most `waiverRules.maxDays` after `approvedOn`.',
  'waivers[].ticket': 'Link to the approval (ticket, issue, document).',
  waiverFiles: 'Separate waiver files (YAML or JSON lists of waivers), relative to this file: lets legal own waivers apart from the policy.',
  waiverRules: 'Rules every waiver must follow.',
  'waiverRules.maxDays': 'Longest a waiver may run, from approval to expiry.',
  'waiverRules.warnWithinDays': 'Warn about waivers that expire within this many days.',
  catalog: 'Requirements on the catalog the gate runs with.',
  'catalog.maxAgeDays': 'Fail (exit 3) when the catalog was generated longer ago than this.',
  include: 'Scan only files matching these globs (added to any `--include`).',
  exclude: 'Skip files matching these globs, on top of `.gitignore` (added to any `--exclude`).',
};

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const code = (v: unknown) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function typeOf(s: Schema): string {
  if (s.anyOf) return s.anyOf.map(typeOf).join(' or ');
  if (s.const !== undefined) return code(s.const);
  if (s.type === 'array') return `array of ${s.items ? typeOf(s.items) : 'any'}`;
  if (s.type === 'object') return 'object';
  if (Array.isArray(s.type)) return s.type.join(' or ');
  return s.type ?? 'any';
}

function constraints(s: Schema): string[] {
  const out: string[] = [];
  if (s.anyOf) for (const a of s.anyOf) out.push(...constraints(a));
  if (s.enum) out.push(`one of ${s.enum.map(code).join(', ')}`);
  if (s.type === 'array' && s.items && s.items.type !== 'object') out.push(...constraints(s.items).map((c) => `each: ${c}`));
  if (s.minLength !== undefined && s.minLength > 0) out.push(s.minLength === 1 ? 'non-empty' : `at least ${s.minLength} characters`);
  if (s.maxLength !== undefined) out.push(`at most ${s.maxLength} characters`);
  if (s.exclusiveMinimum !== undefined) out.push(`> ${s.exclusiveMinimum}`);
  if (s.minimum !== undefined) out.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined && s.maximum < MAX_SAFE) out.push(`≤ ${s.maximum}`);
  if (s.format) out.push(`format ${s.format}`);
  if (s.pattern) {
    if (s.pattern === '^\\d{4}-\\d{2}-\\d{2}$') out.push('date `YYYY-MM-DD`');
    else if (s.pattern.includes('\\/[A-Za-z0-9]')) out.push('a fal endpoint id (`owner/name[/…]`)');
    else out.push(`matches ${code(s.pattern)}`);
  }
  return out;
}

interface Row { path: string; key: string; schema: Schema; required: boolean }

/** Fields depth-first; an object whose properties all share one schema (contexts) is shown once as `*`. */
function rows(s: Schema, prefix: string, keyPrefix: string, required: string[] = []): Row[] {
  const out: Row[] = [];
  const props = Object.entries(s.properties ?? {});
  const same = props.length > 1 && props[0]![1].type === 'object' && props.every(([, p]) => JSON.stringify(p) === JSON.stringify(props[0]![1]));
  const entries: [string, Schema, string][] = same
    ? [[`{${props.map(([k]) => k).join(',')}}`, props[0]![1], '*']]
    : props.map(([k, p]) => [k, p, k]);
  for (const [name, p, keyName] of entries) {
    const path = prefix ? `${prefix}.${name}` : name;
    const key = keyPrefix ? `${keyPrefix}.${keyName}` : keyName;
    out.push({ path, key, schema: p, required: required.includes(name) });
    if (p.type === 'object' && p.properties) out.push(...rows(p, path, key, p.required));
    if (p.type === 'array' && p.items?.type === 'object') out.push(...rows(p.items, `${path}[]`, `${key}[]`, p.items.required));
  }
  return out;
}

export function renderConfigReference(schema: Schema): string {
  const all = rows(schema, '', '', schema.required);
  const missing = all.filter((r) => !r.schema.description && !DESCRIPTIONS[r.key]).map((r) => r.key);
  if (missing.length) throw new Error(`config-docs: no description for ${missing.join(', ')}: add one to DESCRIPTIONS in scripts/config-docs.ts`);
  const lines = [
    '# Config reference: modelgate.config.json',
    '',
    '<!-- GENERATED by `npm run docs:config` from dist/schema/config.schema.json. Do not edit by hand. -->',
    '',
    'The gate reads `modelgate.config.json`, `modelgate.config.yaml` or `modelgate.config.yml` in the',
    'scanned directory, or the file given with `--config`. Every field is optional; with no file at all',
    'the defaults below apply (research-only, unknown and dynamic uses fail). Unknown fields are an error',
    '(exit 2, naming the file and the field).',
    '',
    'Point your editor at the schema for completion and validation:',
    '',
    '```json',
    '{',
    '  "$schema": "./node_modules/modelgate/dist/schema/config.schema.json",',
    '  "labels": { "research": "deny", "private": "review" },',
    '  "contexts": { "test": { "labels": { "research": "allow" } } },',
    '  "waivers": [',
    '    {',
    '      "model": "fal-ai/stable-cascade",',
    '      "paths": ["tools/demo/**"],',
    '      "reason": "internal demo, outputs never shipped",',
    '      "approvedBy": "legal@example.org",',
    '      "approvedOn": "2026-01-15",',
    '      "expires": "2026-07-15",',
    '      "ticket": "https://tracker.example.org/LEGAL-42"',
    '    }',
    '  ]',
    '}',
    '```',
    '',
    'Effects (`allow`, `warn`, `review`, `deny`): `allow` passes silently, `warn` is reported but passes,',
    '`review` fails until someone decides (a waiver or a policy change), `deny` fails.',
    '',
    '| field | type | default | allowed values | meaning |',
    '|---|---|---|---|---|',
  ];
  for (const r of all) {
    const s = r.schema;
    const def = s.default === undefined ? (r.required ? '**required**' : '—') : JSON.stringify(s.default) === '{}' ? '—' : code(s.default);
    const desc = s.description ?? DESCRIPTIONS[r.key]!;
    lines.push(`| \`${r.path}\` | ${cell(typeOf(s))} | ${cell(def)} | ${cell(constraints(s).join('; ') || '—')} | ${cell(desc)} |`);
  }
  lines.push('');
  return `${lines.join('\n')}\n`;
}

export const OUT = 'docs/config-reference.md';
export const SCHEMA = 'dist/schema/config.schema.json';

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let schema: Schema;
  try {
    schema = JSON.parse(await readFile(SCHEMA, 'utf8')) as Schema;
  } catch (e) {
    console.error(`config-docs: cannot read ${SCHEMA} (${(e as Error).message}); run \`npm run catalog && npm run build:cli\` first`);
    process.exit(2);
  }
  const text = renderConfigReference(schema);
  if (process.argv.includes('--check')) {
    const current = await readFile(OUT, 'utf8').catch(() => '');
    if (current !== text) {
      console.error(`config-docs: ${OUT} is out of date; run \`npm run docs:config\``);
      process.exit(1);
    }
    console.log(`config-docs: ${OUT} is up to date`);
  } else {
    await writeFile(OUT, text);
    console.log(`config-docs: wrote ${OUT}`);
  }
}
