import { z } from 'zod';
import { RULE_IDS } from '../verdict/rules.ts';

const RuleId = z.enum(RULE_IDS as [string, ...string[]]);
const Effect = z.enum(['allow', 'warn', 'review', 'deny']);
const ObservationSummary = z.strictObject({
  source: z.string(), url: z.string().optional(), when: z.string(), evidence: z.enum(['primary', 'secondary', 'unknown']),
  seen: z.string().optional(), label: z.string().optional(), partnerApi: z.string().optional(), status: z.string().optional(),
});

/**
 * The JSON report of `modelgate check --format json`: a stable, documented shape (also the
 * input of `--baseline`). Rule ids are the stable ids of verdict/rules.ts.
 */
export const CheckReportSchema = z.strictObject({
  $schema: z.string().optional(),
  formatVersion: z.literal(1),
  tool: z.strictObject({ name: z.literal('modelgate'), version: z.string() }),
  generatedAt: z.iso.datetime(),
  root: z.string(),
  /** The repository the report is about (`owner/name`); absent in reports of modelgate before 0.2. */
  repository: z.string().optional(),
  /** How the repository was learnt: `--repository`, the CI's variable, git's origin remote, or the folder's name. */
  repositoryFrom: z.enum(['option', 'ci', 'git', 'folder']).optional(),
  /** The commit scanned (CI variable or git HEAD), null outside git without a CI variable. */
  commit: z.string().nullable().optional(),
  configFiles: z.array(z.string()),
  catalog: z.strictObject({ source: z.string(), generatedAt: z.string(), contentHash: z.string(), models: z.number().int() }),
  exitCode: z.union([z.literal(0), z.literal(1)]),
  summary: z.strictObject({
    findings: z.number().int(), failing: z.number().int(), allowed: z.number().int(), review: z.number().int(), denied: z.number().int(),
    waived: z.number().int(), baselined: z.number().int(), warnings: z.number().int(), testWarnings: z.number().int().optional(), filesScanned: z.number().int(),
  }),
  findings: z.array(z.strictObject({
    file: z.string(),
    line: z.number().int().positive(),
    column: z.number().int().positive(),
    kind: z.enum(['call', 'reference', 'dynamic']),
    usage: z.enum(['source', 'test', 'example', 'docs']),
    id: z.string().nullable(),
    raw: z.string(),
    via: z.string(),
    lineText: z.string(),
    /** In a Jupyter notebook: the cell (0-based) and the line and column within it; line/column above are the .ipynb file's. */
    cell: z.strictObject({ index: z.number().int().nonnegative(), line: z.number().int().positive(), column: z.number().int().positive() }).optional(),
    fingerprint: z.string(),
    model: z.strictObject({
      id: z.string(), name: z.string(), hostedLabel: z.string(),
      label: z.strictObject({
        observed: z.string(), source: z.string(), url: z.string().optional(),
        conflict: z.strictObject({ values: z.array(z.string()), observations: z.array(ObservationSummary) }).nullable(),
      }),
      partnerApi: z.string(), status: z.string(), replacedBy: z.string().nullable(), weightsLicence: z.string().nullable(),
      how: z.enum(['exact', 'alias', 'prefix']), subpath: z.string().nullable(),
    }).nullable(),
    verdict: z.enum(['allowed', 'review', 'denied']),
    rule: RuleId,
    reasons: z.array(z.strictObject({ rule: RuleId, effect: Effect, message: z.string() })),
    status: z.enum(['fail', 'waived', 'baselined', 'warn', 'pass']),
    failing: z.boolean(),
    baselined: z.boolean(),
    waiver: z.strictObject({
      reason: z.string(), approvedBy: z.string(), approvedOn: z.string(), expires: z.string(), ticket: z.string().optional(),
      expired: z.boolean(), file: z.string(), line: z.number().int(),
    }).nullable(),
  })),
  diagnostics: z.array(z.strictObject({
    code: z.string(),
    severity: z.enum(['error', 'warning', 'note']),
    message: z.string(),
    file: z.string().optional(),
    line: z.number().int().optional(),
  })),
});

export type CheckReport = z.infer<typeof CheckReportSchema>;
