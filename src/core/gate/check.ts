import { stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import type { Catalog } from '../catalog/catalog.ts';
import { hostedFacts } from '../facts/hosted.ts';
import { labelEvidence } from '../facts/label-evidence.ts';
import { ProblemError, type Problem } from '../problem.ts';
import { scanProject, type Finding, type ScanNoteCode, type ScanResult } from '../scan/index.ts';
import type { Policy, UsageContext } from '../schema/policy.ts';
import { judge, type Subject } from '../verdict/judge.ts';
import { modelSubject } from '../verdict/subject.ts';
import { readBaseline, type Baseline } from './baseline.ts';
import { loadCatalogSource } from './catalog-source.ts';
import { CONFIG_NAMES, loadPolicy, type LocatedWaiver } from './config.ts';
import { findingFingerprint } from './fingerprint.ts';
import type { Diagnostic, FindingModel, GateResult, JudgedFinding } from './types.ts';
import { WaiverBook } from './waivers.ts';
import { reportOrigin } from './origin.ts';

export interface CheckOptions {
  root: string;
  config?: string;
  /** Path or URL of a compiled catalog. */
  catalog: string;
  baseline?: string;
  include?: string[];
  exclude?: string[];
  /** Scan exactly these files (relative to root), e.g. those staged in git. */
  files?: string[];
  /** Files this run writes (reports): never scanned, though an earlier run may have left them. */
  outputs?: string[];
  now: Date;
  version: string;
  /** Scanner threads (default: every core, up to 4, for large trees). */
  threads?: number;
  /** The repository's name for the report (else the CI's variable, git's origin, the folder). */
  repository?: string;
  /** The environment the CI variables are read from. */
  env?: NodeJS.ProcessEnv;
}

/** Exit code 2 (usage/configuration) or 3 (catalog) with the problems that caused it. */
export interface CheckFailure {
  exitCode: 2 | 3;
  problems: Problem[];
}

export interface CheckRun {
  result: GateResult;
  policy: Policy;
  /** The policy's waivers with the file and line each was written on. */
  waivers: LocatedWaiver[];
  catalog: Catalog;
}

/**
 * The gate: scan the project, resolve every finding against the catalog, judge it with the
 * policy, apply waivers and the baseline. I/O happens here and in the loaders it calls; the
 * judging itself is the pure verdict core.
 */
export async function runCheck(options: CheckOptions): Promise<{ ok: true; value: CheckRun } | { ok: false; error: CheckFailure }> {
  const root = path.resolve(options.root);
  const rootStat = await stat(root).catch((e: Error) => e);
  if (rootStat instanceof Error || !rootStat.isDirectory()) {
    const why = rootStat instanceof Error ? ((rootStat as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : rootStat.message) : 'not a directory';
    return { ok: false, error: { exitCode: 2, problems: [{ code: 'config', file: options.root, message: `cannot scan: ${why}` }] } };
  }

  const loadedPolicy = await loadPolicy(root, options.config);
  if (!loadedPolicy.ok) return { ok: false, error: { exitCode: 2, problems: loadedPolicy.problems } };
  const { policy, waivers, files: configFiles } = loadedPolicy.value;

  let baseline: Baseline | undefined;
  if (options.baseline) {
    const b = await readBaseline(options.baseline);
    if (!b.ok) return { ok: false, error: { exitCode: 2, problems: [b.problem] } };
    baseline = b.value;
  }

  const loadedCatalog = await loadCatalogSource(options.catalog, { now: options.now, ...(policy.catalog.maxAgeDays ? { maxAgeDays: policy.catalog.maxAgeDays } : {}) });
  if (!loadedCatalog.ok) return { ok: false, error: { exitCode: 3, problems: [loadedCatalog.problem] } };
  const { catalog, meta } = loadedCatalog.value;

  // The policy files name models (waivers, model rules) but call nothing: they are not scanned.
  // Nor are modelgate's own reports (a baseline, this run's outputs, SARIF logs): they quote ids.
  const ownFiles = [...configFiles, ...waivers.map((w) => w.source.file), ...(options.baseline ? [path.resolve(options.baseline)] : []), ...(options.outputs ?? []).map((o) => path.resolve(o))]
    .map((f) => path.relative(root, f).split(path.sep).join('/'))
    .filter((f) => !f.startsWith('..'));
  const today = options.now.toISOString().slice(0, 10);
  const book = new WaiverBook(waivers, today);
  const remaining = new Map(baseline);
  let scan: ScanResult;
  let findings: JudgedFinding[];
  try {
    scan = await scanProject(root, {
      include: [...policy.include, ...(options.include ?? [])],
      exclude: [...policy.exclude, ...(options.exclude ?? []), ...CONFIG_NAMES, '**/*.sarif', ...new Set(ownFiles)],
      ...(options.files ? { files: options.files } : {}),
      // As data (not a function), so that large trees are scanned on every core; the
      // prefilter's owners are derived from the ids (share.ts).
      knownIds: catalog.knownIds(),
      ...(options.threads ? { threads: options.threads } : {}),
    });
    const classify = classifier(policy);
    findings = scan.findings.map((f) => judgeFinding({ ...f, usage: classify(f.file) ?? f.usage }, catalog, policy, book, remaining));
  } catch (e) {
    // A catalog entry found invalid on first use: the gate cannot judge against it.
    if (e instanceof ProblemError) return { ok: false, error: { exitCode: 3, problems: e.problems } };
    throw e;
  }

  const diagnostics: Diagnostic[] = [
    ...(configFiles.length === 0 ? [{ code: 'no-config' as const, severity: 'note' as const, message: 'no modelgate.config.json/.yaml found: the default policy applies (research-only, unknown and dynamic uses fail)' }] : []),
    ...book.diagnostics(policy.waiverRules.warnWithinDays),
    // A file the scanner selected but could not read or analyse may hold a forbidden call: that
    // is an error, never a pass. (Binary files, links out of the tree and loops are notes.)
    ...scan.notes.map((n): Diagnostic => ({ code: 'scan-note', severity: noteSeverity(n.code), file: n.file, message: n.message })),
  ];

  const count = (pred: (f: JudgedFinding) => boolean) => findings.filter(pred).length;
  const failing = count((f) => f.failing);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const result: GateResult = {
    tool: { name: 'modelgate', version: options.version },
    root,
    origin: await reportOrigin(root, options.env ?? {}, options.repository),
    configFiles: configFiles.map((f) => path.relative(root, f) || f),
    catalog: { source: options.catalog, generatedAt: meta.generatedAt, contentHash: meta.contentHash, models: meta.counts.models },
    findings,
    diagnostics,
    summary: {
      findings: findings.length,
      failing,
      allowed: count((f) => f.verdict.verdict === 'allowed'),
      review: count((f) => f.verdict.verdict === 'review'),
      denied: count((f) => f.verdict.verdict === 'denied'),
      waived: count((f) => f.waiver !== null && !f.waiver.expired && f.verdict.verdict !== 'allowed'),
      baselined: count((f) => f.baselined),
      warnings: count((f) => f.verdict.reasons.some((r) => r.effect === 'warn')),
      testWarnings: count((f) => f.testLeniency),
      filesScanned: scan.filesScanned,
    },
    exitCode: failing > 0 || errors > 0 ? 1 : 0,
  };
  return { ok: true, value: { result, policy, waivers, catalog } };
}

/** A scan note as a diagnostic: what the scanner selected but could not read or analyse fails the gate. */
export function noteSeverity(code: ScanNoteCode): 'error' | 'note' {
  return code === 'analysis-failed' || code === 'unreadable' ? 'error' : 'note';
}

/**
 * The policy's `classify` globs as a function of a finding's path: the usage context they give
 * it, or undefined where the built-in classification stands. `source` is checked first, so a
 * path listed twice is judged as shipped code.
 */
function classifier(policy: Policy): (file: string) => UsageContext | undefined {
  const order = (['source', 'test', 'example', 'docs'] as const).flatMap((u) => {
    const globs = policy.classify[u];
    return globs && globs.length > 0 ? [[u, picomatch(globs, { dot: true })] as const] : [];
  });
  return (file) => order.find(([, match]) => match(file))?.[0];
}

function judgeFinding(f: Finding, catalog: Catalog, policy: Policy, book: WaiverBook, baseline: Baseline): JudgedFinding {
  let subject: Subject;
  let model: FindingModel | null = null;
  let ids: string[];
  if (f.kind === 'dynamic' || f.id === null) {
    subject = { kind: 'dynamic' };
    ids = ['dynamic'];
  } else {
    const r = catalog.resolve(f.id);
    if (r) {
      const m = r.model;
      subject = modelSubject(catalog, m);
      const facts = hostedFacts(m);
      const { observed, source, url, conflict } = labelEvidence(facts);
      model = {
        id: m.id, name: m.name, hostedLabel: facts.license.value,
        label: { observed, source, ...(url ? { url } : {}), conflict },
        partnerApi: facts.partnerApi.value, status: facts.status.value, replacedBy: facts.replacedBy?.id ?? null,
        weightsLicence: m.weights?.license ?? null, how: r.how, subpath: r.subpath,
      };
      ids = [m.id, ...m.aliases];
    } else {
      subject = { kind: 'unknown', id: f.id };
      ids = [f.id];
    }
  }
  const verdict = judge(subject, policy, f.usage);
  // Whether the finding passes only because test code warns by default (`tests: strict` would fail it).
  const testLeniency = f.usage === 'test' && policy.tests === 'warn' && verdict.verdict === 'allowed'
    && judge(subject, { ...policy, tests: 'strict' }, f.usage).verdict !== 'allowed';
  const subjectKey = model?.id ?? f.id ?? 'dynamic';
  const fingerprint = findingFingerprint(f.file, subjectKey, f.kind, f.lineText);
  const needsDecision = verdict.verdict !== 'allowed';
  const match = book.match({ file: f.file, ids });
  const waived = needsDecision && match !== null && !match.expired;
  let baselined = false;
  const left = baseline.get(fingerprint) ?? 0;
  if (left > 0) {
    baselined = true;
    baseline.set(fingerprint, left - 1);
  }
  const w = match?.waiver;
  return {
    ...f,
    model,
    verdict,
    waiver: w && match
      ? { reason: w.reason, approvedBy: w.approvedBy, approvedOn: w.approvedOn, expires: w.expires, ...(w.ticket ? { ticket: w.ticket } : {}), source: w.source, expired: match.expired }
      : null,
    baselined,
    failing: needsDecision && !waived && !baselined,
    testLeniency,
    fingerprint,
  };
}
