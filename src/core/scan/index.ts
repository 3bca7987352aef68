// Public API of the scanner: walk a project (or read one text) and return
// findings — every place the code names a fal endpoint — sorted and deterministic.
// The scanner does not judge: catalog resolution and policy happen downstream.

import { analyzeFile } from './analyze.ts';
import { compareFindings, link } from './link.ts';
import { stemOf, type FileAnalysis } from './model.ts';
import { createBinaryMarker, createPrefilter, type Prefilter } from './prefilter.ts';
import { languageOf, type Lang } from './languages.ts';
import { scanNotebook } from './scan-notebook.ts';
import { scanLargeFile } from './scan-large.ts';
import { DEFAULT_MAX_FILE_BYTES, listFiles, sortNotes, SourceReader } from './walk.ts';
import type { Finding, ScanOptions, ScanResult } from './types.ts';

export type { Finding, FindingKind, ScanNote, ScanNoteCode, ScanOptions, ScanResult, UsageContext } from './types.ts';
export { usageOf } from './context.ts';
export { createPrefilter } from './prefilter.ts';

/** Scan one file's text (pure; no project-wide constants or .env values). */
export function scanSource(relPath: string, text: string, options: Pick<ScanOptions, 'isKnownEndpoint'> = {}): Finding[] {
  if (languageOf(relPath) === 'notebook') return scanNotebook(relPath, text, options.isKnownEndpoint, []);
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
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const isKnown = options.isKnownEndpoint;
  const mayHold = prefilterFor(options);
  // Findings of files linked on their own: large files (by window) and notebooks (by cell).
  const separate: Finding[] = [];
  let lang: Lang = 'js';
  const reader = new SourceReader(rootReal, maxBytes, notes, regular, {
    onLarge: (rel, windows) => {
      filesScanned++;
      separate.push(...scanLargeFile(rel, lang, windows, isKnown, mayHold, notes));
    },
    binaryMarker: createBinaryMarker(options.knownOwners ?? []),
  });
  const analyses: FileAnalysis[] = [];
  const reach = new Reach();
  const setAside: SetAside[] = [];
  let filesScanned = 0;
  const keep = (a: FileAnalysis): void => {
    if (a.failure !== undefined) notes.push({ file: a.relPath, code: 'analysis-failed', message: `could not be analysed (${a.failure}); calls in it are not checked` });
    if (!matters(a)) return;
    analyses.push(a);
    reach.collect(a);
  };

  for (let i = 0; i < paths.length; i++) {
    const rel = paths[i]!;
    lang = langs[i]!;
    const text = reader.read(rel);
    if (text === null) continue;
    filesScanned++;
    if (lang === 'notebook') {
      if (mayHold === null || mayHold('python', text)) separate.push(...scanNotebook(rel, text, isKnown, notes));
      continue;
    }
    // Files that define environment variables are always read: any file's call may read them.
    if (mayHold === null || lang === 'env' || lang === 'shell' || lang === 'dockerfile' || mayHold(lang, text)) keep(analyzeFile(rel, text, isKnown, lang));
    else if (lang !== 'yaml' && lang !== 'ini') {
      // (YAML/INI values bind no names: never reached.) Keep only what can make the file reachable.
      const entry: SetAside = { rel, names: topLevelNames(text) };
      if (reach.reaches(entry, text)) keep(analyzeFile(rel, text, isKnown, lang));
      else setAside.push(entry);
    }
  }

  if (setAside.length > 0) {
    // Re-reads report nothing new: a file that fails now was either noted or scanned already.
    const again = new SourceReader(rootReal, maxBytes, [], regular);
    analyseReachable(reach, setAside, again, (rel, text) => keep(analyzeFile(rel, text, isKnown)));
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

/**
 * A file the prefilter ruled out, with the names it may define at top level (null when a line
 * was too long to list them: such a file is re-read and searched for the wanted names).
 */
interface SetAside { rel: string; names: readonly string[] | null }

const MAX_NAME_LINE = 4000;
const IDENT = /[A-Za-z_$][A-Za-z0-9_$]*/g;

/**
 * Every name a top-level assignment in `text` may bind (symbols.ts findAssignments/lhsName):
 * the identifiers (also without one leading `$`, as lhsName drops it) of each line that holds an `=` and
 * either starts with no blank or mentions `export`. A superset: lhsName takes its name from the
 * line of the `=`, and a top-level line's first character is not a blank in the source either.
 */
export function topLevelNames(text: string): readonly string[] | null {
  let names: Set<string> | null = null;
  const n = text.length;
  // Visit only the lines that hold an `=`, each once.
  for (let eq = text.indexOf('='); eq >= 0;) {
    const start = text.lastIndexOf('\n', eq) + 1;
    let end = text.indexOf('\n', eq);
    if (end < 0) end = n;
    const c = text.charCodeAt(start);
    if ((c !== 32 && c !== 9 && c !== 13) || text.slice(start, end).includes('export')) {
      if (end - start > MAX_NAME_LINE) return null;
      names ??= new Set();
      IDENT.lastIndex = start;
      for (let m = IDENT.exec(text); m && m.index < end; m = IDENT.exec(text)) {
        names.add(m[0]);
        if (m[0][0] === '$') names.add(m[0].slice(1));
      }
    }
    eq = end < n ? text.indexOf('=', end) : -1;
  }
  return names === null ? NO_NAMES : [...names];
}

const NO_NAMES: readonly string[] = Object.freeze([]);

/**
 * What pending calls can reach across files (link.ts resolveRef): files by module stem
 * (`config.MODEL`), and top-level definitions of names the calling file imports.
 * Grows as analysed files add calls and aliases.
 */
class Reach {
  readonly stems = new Set<string>();
  readonly names = new Set<string>();

  collect(f: FileAnalysis): void {
    const refs = f.pending.flatMap((p) => p.refs);
    for (const defs of f.symbols.values()) for (const d of defs) refs.push(...d.aliases);
    for (const { chain } of refs) {
      if (chain.length >= 2) this.stems.add(chain[chain.length - 2]!);
      if (f.imports.has(chain[0]!)) this.names.add(chain[0]!);
    }
  }

  /** Whether a set-aside file may be reached (text: needed only for a file without a name list). */
  reaches(entry: SetAside, text: string | null): boolean {
    if (this.stems.size > 0 && this.stems.has(stemOf(entry.rel))) return true;
    if (this.names.size === 0) return false;
    if (entry.names === null) {
      if (text === null) return true; // read it and look
      for (const name of this.names) if (text.includes(name)) return true;
      return false;
    }
    for (const name of entry.names) if (this.names.has(name)) return true;
    return false;
  }
}

/**
 * Analyse the set-aside files a pending call can reach, until none is left to reach. Only the
 * files that may be reached are read again (plus those too long-lined to list their names).
 */
function analyseReachable(reach: Reach, setAside: SetAside[], reader: SourceReader, analyse: (rel: string, text: string) => void): void {
  let remaining = setAside;
  for (;;) {
    const rest: SetAside[] = [];
    let analysed = 0;
    for (const entry of remaining) {
      if (!reach.reaches(entry, null)) { rest.push(entry); continue; }
      const text = reader.read(entry.rel);
      if (text === null) continue;
      if (entry.names === null && !reach.reaches(entry, text)) { rest.push(entry); continue; }
      analyse(entry.rel, text);
      analysed++;
    }
    // A pass that analysed nothing added no stem or name: every file left is unreachable.
    if (analysed === 0) return;
    remaining = rest;
  }
}
