// Public API of the scanner: walk a project (or read one text) and return
// findings — every place the code names a fal endpoint — sorted and deterministic.
// The scanner does not judge: catalog resolution and policy happen downstream.

import { analyzeFile } from './analyze.ts';
import { link } from './link.ts';
import { stemOf, type FileAnalysis } from './model.ts';
import { createPrefilter, type Prefilter } from './prefilter.ts';
import { DEFAULT_MAX_FILE_BYTES, listFiles, sortNotes, SourceReader } from './walk.ts';
import type { Finding, ScanOptions, ScanResult } from './types.ts';

export type { Finding, FindingKind, ScanNote, ScanNoteCode, ScanOptions, ScanResult, UsageContext } from './types.ts';
export { usageOf } from './context.ts';
export { createPrefilter } from './prefilter.ts';

/** Scan one file's text (pure; no project-wide constants or .env values). */
export function scanSource(relPath: string, text: string, options: Pick<ScanOptions, 'isKnownEndpoint'> = {}): Finding[] {
  return link([analyzeFile(relPath, text, options.isKnownEndpoint)]);
}

/** The prefilter the options allow, or null when every file must be analysed. */
function prefilterFor(options: ScanOptions): Prefilter | null {
  if (options.isKnownEndpoint && !options.knownOwners) return null;
  return createPrefilter(options.knownOwners ?? []);
}

/** Whether an analysis can matter to linking or the findings (an empty one is dropped, with its text). */
function matters(a: FileAnalysis): boolean {
  return a.candidates.length > 0 || a.pending.length > 0 || a.dynamic.length > 0 || a.symbols.size > 0 || a.envDefs.size > 0;
}

/**
 * Scan a project tree. Files are read and analysed one at a time, keeping only the analyses
 * that matter (never all texts). A file the prefilter rules out cannot yield a finding of its
 * own but may hold a constant a call elsewhere resolves to; such files are set aside by path
 * and analysed afterwards only if a pending call can reach them: by module stem
 * (`config.MODEL` → `config.*`) or by an imported name their text contains — the only two
 * ways link.ts crosses files (`.env`/shell files, the third way, are always analysed).
 * The result is the same as analysing every file.
 */
export async function scanProject(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  const { rootReal, paths, langs, regular, notes } = listFiles(root, options);
  if (rootReal === null) return { findings: [], notes, filesScanned: 0 };
  const reader = new SourceReader(rootReal, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, notes, regular);
  const isKnown = options.isKnownEndpoint;
  const mayHold = prefilterFor(options);
  const analyses: FileAnalysis[] = [];
  const setAside: string[] = [];
  let filesScanned = 0;

  for (let i = 0; i < paths.length; i++) {
    const rel = paths[i]!;
    const text = reader.read(rel);
    if (text === null) continue;
    filesScanned++;
    const lang = langs[i]!;
    if (mayHold === null || lang === 'env' || lang === 'shell' || mayHold(lang, text)) {
      const a = analyzeFile(rel, text, isKnown, lang);
      if (matters(a)) analyses.push(a);
    } else if (lang !== 'yaml' && lang !== 'ini') {
      // YAML/INI values bind no names: without a trigger they can never be reached.
      setAside.push(rel);
    }
  }

  // Re-reads report nothing new: a file that fails now was either noted or scanned already.
  if (setAside.length > 0) analyseReachable(analyses, setAside, new SourceReader(rootReal, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, [], regular), isKnown);
  analyses.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  sortNotes(notes);
  return { findings: link(analyses), notes, filesScanned };
}

/** Analyse the set-aside files a pending call can reach, until no new file is reachable. */
function analyseReachable(analyses: FileAnalysis[], setAside: string[], reader: SourceReader, isKnown: ScanOptions['isKnownEndpoint']): void {
  const stems = new Set<string>();
  const names = new Set<string>();
  const collect = (files: FileAnalysis[]): void => {
    for (const f of files) {
      const refs = f.pending.flatMap((p) => p.refs);
      for (const defs of f.symbols.values()) for (const d of defs) refs.push(...d.aliases);
      for (const { chain } of refs) {
        if (chain.length >= 2) stems.add(chain[chain.length - 2]!);
        if (f.imports.has(chain[0]!)) names.add(chain[0]!);
      }
    }
  };
  collect(analyses);
  let remaining = setAside;
  while (remaining.length > 0 && (stems.size > 0 || names.size > 0)) {
    const added: FileAnalysis[] = [];
    const rest: string[] = [];
    const nameList = [...names];
    for (const rel of remaining) {
      let text: string | null = null;
      if (stems.has(stemOf(rel))) text = reader.read(rel);
      else if (nameList.length > 0) {
        const t = reader.read(rel);
        if (t !== null && nameList.some((n) => t.includes(n))) text = t;
      }
      if (text === null) { rest.push(rel); continue; }
      const a = analyzeFile(rel, text, isKnown);
      if (matters(a)) added.push(a);
    }
    if (added.length === 0) break;
    analyses.push(...added);
    const before = stems.size + names.size;
    collect(added);
    // Every set-aside file the current stems and names reach was read in this pass.
    if (stems.size + names.size === before) break;
    remaining = rest;
  }
}
