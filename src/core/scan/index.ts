// Public API of the scanner: walk a project (or read one text) and return
// findings — every place the code names a fal endpoint — sorted and deterministic.
// The scanner does not judge: catalog resolution and policy happen downstream.

import { analysisFailed, analyzeFile } from './analyze.ts';
import { compareFindings, link } from './link.ts';
import type { FileAnalysis } from './model.ts';
import { languageOf } from './languages.ts';
import { scanParallel, threadsFor } from './parallel.ts';
import { analyseReachable, Reach, type SetAside } from './reach.ts';
import { scanNotebook } from './scan-notebook.ts';
import { matters, scanShare, shareContext, type ShareInput } from './share.ts';
import { DEFAULT_MAX_FILE_BYTES, listFiles, sortNotes, SourceReader } from './walk.ts';
import type { Finding, ScanOptions, ScanResult } from './types.ts';

export type { Finding, FindingKind, ScanNote, ScanNoteCode, ScanOptions, ScanResult, UsageContext } from './types.ts';
export { usageOf } from './context.ts';
export { createPrefilter } from './prefilter.ts';
export { topLevelNames } from './reach.ts';

/** Scan one file's text (pure; no project-wide constants or .env values). */
export function scanSource(relPath: string, text: string, options: Pick<ScanOptions, 'isKnownEndpoint'> = {}): Finding[] {
  if (languageOf(relPath) === 'notebook') return scanNotebook(relPath, text, options.isKnownEndpoint, []);
  return link([analyzeFile(relPath, text, options.isKnownEndpoint)]);
}

/**
 * Scan a project tree. Files are read and analysed one at a time, keeping only the analyses
 * that matter (never all texts); a large tree is dealt out to worker threads (parallel.ts).
 * A file the prefilter rules out cannot yield a finding of its own but may hold a constant a
 * call elsewhere resolves to; such files are set aside by path and analysed afterwards only if
 * a pending call can reach them: by module stem (`config.MODEL` → `config.*`) or by an imported
 * name their text contains — the only two ways link.ts crosses files (`.env`/shell files, the
 * third way, are always analysed). The result is the same as analysing every file, on one
 * thread or several.
 */
export async function scanProject(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  const { rootReal, paths, langs, regular, notes } = listFiles(root, options);
  if (rootReal === null) return { findings: [], notes, filesScanned: 0 };
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const known = {
    ...(options.knownIds ? { ids: options.knownIds } : {}),
    ...(options.isKnownEndpoint ? { isKnown: options.isKnownEndpoint } : {}),
    ...(options.knownOwners ? { owners: [...options.knownOwners] } : {}),
  };
  const ctx = shareContext(known);
  const input: ShareInput = { rootReal, paths, langs, regular, maxBytes, known: { ...(known.ids ? { ids: known.ids } : {}), ...(known.owners ? { owners: known.owners } : {}) } };
  // A lookup function cannot cross into a worker thread: only ids given as data can.
  const threads = known.isKnown && !known.ids ? 1 : threadsFor(paths.length, options.threads);
  const shares = threads > 1 ? await scanParallel(input, threads, ctx) : [scanShare(input, ctx)];

  const analyses: FileAnalysis[] = [];
  const separate: Finding[] = [];
  const setAside: SetAside[] = [];
  let filesScanned = 0;
  for (const s of shares) {
    analyses.push(...s.analyses);
    separate.push(...s.separate);
    setAside.push(...s.setAside);
    notes.push(...s.notes);
    filesScanned += s.filesScanned;
  }
  const reach = new Reach();
  for (const a of analyses) reach.collect(a);
  if (setAside.length > 0) {
    // Re-reads report nothing new: a file that fails now was either noted or scanned already.
    const again = new SourceReader(rootReal, maxBytes, [], regular);
    analyseReachable(reach, setAside, again, (rel, text) => {
      const a = analyzeFile(rel, text, ctx.isKnown);
      if (a.failure !== undefined) notes.push(analysisFailed(a.relPath, a.failure));
      if (!matters(a)) return;
      analyses.push(a);
      reach.collect(a);
    });
  }
  analyses.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  sortNotes(notes);
  return { findings: mergeSorted(link(analyses), separate), notes, filesScanned };
}

/** Findings of the whole-file analyses and of large files, in the one order findings have. */
function mergeSorted(a: Finding[], b: Finding[]): Finding[] {
  if (b.length === 0) return a;
  return [...a, ...b].sort(compareFindings);
}

