import type { ReportOrigin } from './origin.ts';
import type { LabelEvidence } from '../facts/label-evidence.ts';
import type { Finding } from '../scan/index.ts';
import type { Verdict } from '../verdict/judge.ts';
import type { LocatedWaiver } from './config.ts';

/** How a finding's id met the catalog. */
export interface FindingModel {
  id: string;
  name: string;
  hostedLabel: string;
  /** The label's source and date; a conflict carries every observation in it. */
  label: Pick<LabelEvidence, 'observed' | 'source' | 'url' | 'conflict'>;
  partnerApi: string;
  status: string;
  replacedBy: string | null;
  weightsLicence: string | null;
  how: 'exact' | 'alias' | 'prefix';
  subpath: string | null;
}

/** A finding with its judgement: the one shape every reporter renders. Reporters decide nothing. */
export interface JudgedFinding extends Finding {
  /** The catalog model, or null for an unknown id or a dynamic call. */
  model: FindingModel | null;
  verdict: Verdict;
  waiver: (Pick<LocatedWaiver, 'reason' | 'approvedBy' | 'approvedOn' | 'expires' | 'ticket' | 'source'> & { expired: boolean }) | null;
  baselined: boolean;
  /** Whether this finding fails the gate: denied or review, and neither waived nor baselined. */
  failing: boolean;
  /** In test code, passed only because tests warn by default (`tests: strict` would fail it). */
  testLeniency: boolean;
  fingerprint: string;
}

export type DiagnosticCode =
  | 'waiver-expired'
  | 'waiver-unused'
  | 'waiver-expiring'
  | 'scan-note'
  | 'no-config'
  | 'baseline-stale';

/** Something about the configuration or the run, not about one call site. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: 'error' | 'warning' | 'note';
  message: string;
  file?: string;
  line?: number;
}

export interface GateSummary {
  findings: number;
  failing: number;
  allowed: number;
  review: number;
  denied: number;
  waived: number;
  baselined: number;
  warnings: number;
  /** Findings in test code only warned about under the default `tests: warn`. */
  testWarnings: number;
  filesScanned: number;
}

export interface CatalogInfo {
  source: string;
  generatedAt: string;
  contentHash: string;
  models: number;
}

export interface GateResult {
  tool: { name: 'modelgate'; version: string };
  root: string;
  /** The repository and commit the report is about (see origin.ts). */
  origin: ReportOrigin;
  configFiles: string[];
  catalog: CatalogInfo;
  findings: JudgedFinding[];
  diagnostics: Diagnostic[];
  summary: GateSummary;
  /** 0 no forbidden use; 1 policy violation. (2 and 3 are decided before a result exists.) */
  exitCode: 0 | 1;
}
