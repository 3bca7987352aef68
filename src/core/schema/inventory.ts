import { z } from 'zod';

const Day = z.iso.date();
const Verdict = z.enum(['allowed', 'review', 'denied']);
const Status = z.enum(['fail', 'waived', 'baselined', 'warn', 'pass']);
const Usage = z.enum(['source', 'test', 'example', 'docs']);
const Counts = z.strictObject({ fail: z.number().int(), waived: z.number().int(), baselined: z.number().int(), warn: z.number().int(), pass: z.number().int() });

/** One place the code calls (or names) an endpoint, as its repository's report gave it. */
const Site = z.strictObject({
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  kind: z.enum(['call', 'reference', 'dynamic']),
  usage: Usage,
  verdict: Verdict,
  rule: z.string(),
  status: Status,
});

/** A waiver as it stands on the inventory's day (`expired`, `daysLeft`), not on the day of the report. */
const Waiver = z.strictObject({
  repository: z.string(),
  /** The ids whose call sites it covers. */
  models: z.array(z.string()),
  callSites: z.number().int(),
  reason: z.string(),
  approvedBy: z.string(),
  approvedOn: Day,
  expires: Day,
  ticket: z.string().optional(),
  expired: z.boolean(),
  /** Days from the inventory's day to `expires`; negative once expired. */
  daysLeft: z.number().int(),
  /** Within `expiringWithinDays` and not yet expired. */
  expiring: z.boolean(),
  file: z.string(),
  line: z.number().int(),
});

const ModelUse = z.strictObject({
  repository: z.string(),
  callSites: z.number().int(),
  failing: z.number().int(),
  /** The strictest verdict over its call sites. */
  verdict: Verdict,
  statuses: Counts,
  sites: z.array(Site),
  /** The waivers covering its call sites in this repository (the full entries are in `waivers`). */
  waivers: z.array(Waiver.pick({ approvedBy: true, approvedOn: true, expires: true, expired: true, expiring: true, daysLeft: true, reason: true, ticket: true, file: true, line: true })),
});

const Facts = z.strictObject({
  /** In the catalog the newest report naming it was judged against. */
  known: z.boolean(),
  name: z.string().nullable(),
  hostedLabel: z.enum(['commercial', 'research', 'private', 'unknown']),
  partnerApi: z.enum(['yes', 'no', 'unknown']),
  status: z.enum(['active', 'deprecated', 'removed', 'unknown']),
  replacedBy: z.string().nullable(),
  weightsLicence: z.string().nullable(),
  /** Reports judged against other catalogs stated other facts: each distinct label seen. */
  labelsSeen: z.array(z.string()),
});

const Report = z.strictObject({
  file: z.string(),
  repository: z.string(),
  repositoryFrom: z.enum(['option', 'ci', 'git', 'folder', 'file']),
  commit: z.string().nullable(),
  generatedAt: z.iso.datetime(),
});

/**
 * `modelgate inventory --format json`: every repository's newest check report, merged into
 * one view of the models an organisation uses. A stable, documented shape (JSON Schema:
 * inventory.schema.json), also the input of `modelgate catalog sync --check --inventory`.
 */
export const InventorySchema = z.strictObject({
  $schema: z.string().optional(),
  formatVersion: z.literal(1),
  kind: z.literal('modelgate-inventory'),
  tool: z.strictObject({ name: z.literal('modelgate'), version: z.string() }),
  generatedAt: z.iso.datetime(),
  /** The day waivers are judged on, and the window in which one counts as expiring. */
  today: Day,
  expiringWithinDays: z.number().int().nonnegative(),
  /** The reports merged, one per repository (the newest), and the older ones they superseded. */
  reports: z.array(Report),
  superseded: z.array(Report.extend({ supersededBy: z.string() })),
  /** The catalogs the reports were judged against. */
  catalogs: z.array(z.strictObject({ contentHash: z.string(), generatedAt: z.string(), source: z.string(), repositories: z.array(z.string()) })),
  summary: z.strictObject({
    repositories: z.number().int(),
    failingRepositories: z.number().int(),
    models: z.number().int(),
    callSites: z.number().int(),
    dynamicSites: z.number().int(),
    /** Ids by what the org should look at first; each id appears in `models`. */
    research: z.array(z.string()),
    private: z.array(z.string()),
    unknown: z.array(z.string()),
    partner: z.array(z.string()),
    waiversExpired: z.number().int(),
    waiversExpiring: z.number().int(),
  }),
  repositories: z.array(z.strictObject({
    repository: z.string(),
    commit: z.string().nullable(),
    report: z.string(),
    generatedAt: z.iso.datetime(),
    /** The repository's own gate result (exit 1: its policy failed). */
    exitCode: z.union([z.literal(0), z.literal(1)]),
    failing: z.number().int(),
    callSites: z.number().int(),
    filesScanned: z.number().int(),
    models: z.array(z.strictObject({ id: z.string(), hostedLabel: z.string(), callSites: z.number().int(), failing: z.number().int(), verdict: Verdict })),
    dynamicSites: z.number().int(),
    waivers: z.number().int(),
  })),
  models: z.array(Facts.extend({
    id: z.string(),
    repositories: z.array(ModelUse),
    callSites: z.number().int(),
    failing: z.number().int(),
  })),
  dynamic: z.array(Site.extend({ repository: z.string(), raw: z.string() })),
  waivers: z.array(Waiver),
  /** With `--catalog <newer>`: what the newer catalog changes for the endpoints in use. */
  catalogChange: z.strictObject({
    against: z.strictObject({ source: z.string(), generatedAt: z.string(), contentHash: z.string() }),
    changes: z.array(z.strictObject({
      id: z.string(), field: z.enum(['label', 'status']), from: z.string(), to: z.string(), stricter: z.boolean(),
      repositories: z.array(z.strictObject({ repository: z.string(), callSites: z.number().int(), site: z.strictObject({ file: z.string(), line: z.number().int() }) })),
    })),
  }).optional(),
  /** `--fail-on` categories and what tripped them (empty when none was asked for or none tripped). */
  failOn: z.strictObject({
    categories: z.array(z.string()),
    tripped: z.array(z.strictObject({ category: z.string(), message: z.string(), repositories: z.array(z.string()) })),
  }),
});

export type Inventory = z.infer<typeof InventorySchema>;
export type InventoryModel = Inventory['models'][number];
export type InventoryRepository = Inventory['repositories'][number];
export type InventoryWaiver = Inventory['waivers'][number];
export type InventorySite = z.infer<typeof Site>;
export type InventoryReport = z.infer<typeof Report>;
