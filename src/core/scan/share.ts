// One thread's share of a project scan: read each of its files, skip those the prefilter rules
// out (setting aside the ones a call elsewhere might still reach), analyse the rest. Everything
// in and out is plain data, so a worker thread can run a share as well as the main thread.

import { knownIdTest } from '../catalog/endpoint-id.ts';
import { analysisFailed, analyzeFile } from './analyze.ts';
import type { Lang } from './languages.ts';
import type { FileAnalysis } from './model.ts';
import { createBinaryMarker, createPrefilter, type Prefilter } from './prefilter.ts';
import { Reach, topLevelNames, type SetAside } from './reach.ts';
import { scanLargeFile } from './scan-large.ts';
import { scanNotebook } from './scan-notebook.ts';
import type { Finding, ScanNote } from './types.ts';
import { SourceReader } from './walk.ts';

/** What a share needs to know about the catalog, as data or (in the main thread only) a function. */
export interface Known {
  /** Every catalog id and alias (resolved by longest prefix, as the catalog does). */
  ids?: readonly string[];
  isKnown?: (id: string) => boolean;
  /** Owners isKnown accepts; without them (and with isKnown) every file is analysed. */
  owners?: readonly string[];
}

export interface ShareInput {
  rootReal: string;
  paths: readonly string[];
  langs: readonly Lang[];
  /** Every path was seen as a regular file by the walk. */
  regular: boolean;
  maxBytes: number;
  known: Pick<Known, 'ids' | 'owners'>;
}

export interface ShareResult {
  /** Analyses that matter, in path order. */
  analyses: FileAnalysis[];
  setAside: SetAside[];
  /** Findings of files linked on their own (large files by window, notebooks by cell). */
  separate: Finding[];
  notes: ScanNote[];
  filesScanned: number;
}

export interface ShareContext {
  isKnown: ((id: string) => boolean) | undefined;
  /** Null when every file must be analysed. */
  mayHold: Prefilter | null;
  binaryMarker: (latin1: string) => boolean;
}

/** The lookups a thread builds once from what it was given. */
export function shareContext(known: Known): ShareContext {
  const owners = known.owners ?? (known.ids ? ownersOf(known.ids) : undefined);
  const isKnown = known.isKnown ?? (known.ids ? knownIdTest(known.ids) : undefined);
  return {
    isKnown,
    mayHold: isKnown && !owners ? null : createPrefilter(owners ?? []),
    binaryMarker: createBinaryMarker(owners ?? []),
  };
}

function ownersOf(ids: readonly string[]): string[] {
  const owners = new Set<string>();
  for (const id of ids) {
    const slash = id.indexOf('/');
    if (slash > 0) owners.add(id.slice(0, slash).toLowerCase());
  }
  return [...owners];
}

/** Whether an analysis can matter to linking or the findings (an empty one is dropped, with its text). */
export function matters(a: FileAnalysis): boolean {
  return a.candidates.length > 0 || a.pending.length > 0 || a.dynamic.length > 0 || a.symbols.size > 0 || a.envDefs.size > 0;
}

export function scanShare(input: ShareInput, ctx: ShareContext): ShareResult {
  const { isKnown, mayHold } = ctx;
  const notes: ScanNote[] = [];
  const separate: Finding[] = [];
  const analyses: FileAnalysis[] = [];
  const setAside: SetAside[] = [];
  // This share's view of what pending calls reach: files it can keep at once. The merge decides the rest.
  const reach = new Reach();
  let filesScanned = 0;
  let lang: Lang = 'js';
  const reader = new SourceReader(input.rootReal, input.maxBytes, notes, input.regular, {
    onLarge: (rel, windows) => {
      filesScanned++;
      separate.push(...scanLargeFile(rel, lang, windows, isKnown, mayHold, notes));
    },
    binaryMarker: ctx.binaryMarker,
  });
  const keep = (a: FileAnalysis): void => {
    if (a.failure !== undefined) notes.push(analysisFailed(a.relPath, a.failure));
    if (!matters(a)) return;
    analyses.push(a);
    reach.collect(a);
  };

  for (let i = 0; i < input.paths.length; i++) {
    const rel = input.paths[i]!;
    lang = input.langs[i]!;
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
  return { analyses, setAside, separate, notes, filesScanned };
}
