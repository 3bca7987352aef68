// Files the prefilter ruled out, and what can make one of them matter after all: a pending call
// elsewhere that reaches it by module stem (`config.MODEL` → `config.*`) or by an imported name
// its text defines at top level (the only two ways link.ts crosses files).

import { stemOf, type FileAnalysis } from './model.ts';
import type { SourceReader } from './walk.ts';

/**
 * A file the prefilter ruled out, with the names it may define at top level (null when a line
 * was too long to list them: such a file is re-read and searched for the wanted names).
 */
export interface SetAside { rel: string; names: readonly string[] | null }

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
export class Reach {
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
export function analyseReachable(reach: Reach, setAside: SetAside[], reader: SourceReader, analyse: (rel: string, text: string) => void): void {
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
