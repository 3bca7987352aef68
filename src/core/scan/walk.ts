// The project walker: which files to scan, and the notes for the ones it cannot.
// Honours .gitignore at every level (each file's patterns relative to its own
// directory, deeper files able to re-include with `!`), .git/info/exclude, the
// built-in skips and the caller's include/exclude globs. Symlinks are followed
// only inside the root and never twice (real paths are tracked), so a link
// loop ends with a note instead of a hang. Every I/O failure becomes a note.

import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import picomatch from 'picomatch';
import { languageOf, type Lang } from './languages.ts';
import type { ScanNote } from './types.ts';
import { decodeAll, sniff } from './decode.ts';
import { forEachWindow, type Window } from './large.ts';

/** Files up to this size are analysed whole; larger ones in windows of this size (large.ts). */
export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export const SKIPPED_DIRS = new Set([
  'node_modules', '.git', 'dist', 'build', 'out', '.next', '.nuxt', '.svelte-kit', '.astro', 'coverage',
  'vendor', '__pycache__', '.venv', 'venv', 'target',
]);

export interface WalkOptions {
  include?: string[];
  exclude?: string[];
  maxFileBytes?: number;
  files?: string[];
}

export interface SourceFile {
  relPath: string;
  text: string;
}

export interface WalkResult {
  files: SourceFile[];
  notes: ScanNote[];
}

interface IgnoreTest {
  test(path: string): { ignored: boolean; unignored: boolean };
}

interface IgnoreLevel {
  /** Directory of the ignore file, relative to root ('' for the root). */
  dir: string;
  ig: IgnoreTest;
  /** Whether a pattern can match a file: false when every one ends in `/` (git: directories only). */
  files: boolean;
}

/** One ignore file's level; most .gitignore files of large trees name directories only (`dist/`). */
function ignoreLevel(dir: string, text: string): IgnoreLevel {
  const patterns = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  return { dir, ig: compileIgnore(text), files: patterns.some((p) => !p.endsWith('/')) };
}

/**
 * The matcher for one ignore file's text: the `ignore` package, which implements git's rules
 * (negation, anchoring, globs). A hand-made shortcut for simple files measured ~0.2 s of CPU at
 * 100,000 files; not worth a second implementation of gitignore matching.
 */
export function compileIgnore(text: string): IgnoreTest {
  return ignore().add(text);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function isIgnored(levels: IgnoreLevel[], rel: string, isDir: boolean): boolean {
  let ignored = false;
  for (const level of levels) {
    const sub = level.dir === '' ? rel : rel.startsWith(level.dir + '/') ? rel.slice(level.dir.length + 1) : null;
    if (sub === null || sub === '') continue;
    const r = level.ig.test(isDir ? sub + '/' : sub);
    if (r.ignored) ignored = true;
    else if (r.unignored) ignored = false;
  }
  return ignored;
}

function readIgnoreFile(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export interface FileListing {
  /** The scan root's real path, or null when it cannot be opened (a note says why). */
  rootReal: string | null;
  /** Paths relative to the root, POSIX separators, in walk order (not sorted). */
  paths: string[];
  /** The language of each path (same index). */
  langs: Lang[];
  /** True when every path was seen as a regular file by the walk (not a caller's list). */
  regular: boolean;
  notes: ScanNote[];
}

/** Which files to scan: the walk without reading any file (only .gitignore files are read). */
export function listFiles(root: string, options: WalkOptions = {}): FileListing {
  const notes: ScanNote[] = [];
  const includeMatch = options.include?.length ? picomatch(options.include, { dot: true }) : null;
  const excludeMatch = options.exclude?.length ? picomatch(options.exclude, { dot: true }) : null;
  let rootReal: string;
  try {
    rootReal = realpathSync.native(root);
  } catch (e) {
    notes.push({ file: '.', code: 'unreadable', message: `cannot open the scan root: ${(e as Error).message}` });
    return { rootReal: null, paths: [], langs: [], regular: true, notes };
  }

  const paths: string[] = [];
  const langs: Lang[] = [];
  if (options.files) {
    for (const f of options.files) {
      const rel = toPosix(path.normalize(f)).replace(/^\.\//, '');
      if (rel.startsWith('../') || path.isAbsolute(rel)) {
        notes.push({ file: f, code: 'skipped', message: 'path is outside the scan root' });
        continue;
      }
      const lang = languageOf(rel);
      if (lang !== null) { paths.push(rel); langs.push(lang); }
    }
  } else {
    const rootLevels: IgnoreLevel[] = [];
    const exclude = readIgnoreFile(path.join(rootReal, '.git', 'info', 'exclude'));
    if (exclude !== null) rootLevels.push(ignoreLevel('', exclude));
    const visited = new Set<string>([rootReal]);
    walkDir({ visited, out: paths, langs, notes, rootReal, includeMatch, excludeMatch }, rootReal, rootReal, '', rootLevels);
  }
  return { rootReal, paths, langs, regular: !options.files, notes };
}

/** Every file to scan with its text, sorted by path (tests and small callers; scanProject streams instead). */
export async function walk(root: string, options: WalkOptions = {}): Promise<WalkResult> {
  const { rootReal, paths, regular, notes } = listFiles(root, options);
  const files: SourceFile[] = [];
  if (rootReal !== null) {
    const reader = new SourceReader(rootReal, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, notes, regular);
    for (const rel of paths) {
      const text = reader.read(rel);
      if (text !== null) files.push({ relPath: rel, text });
    }
  }
  files.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  sortNotes(notes);
  return { files, notes };
}

export function sortNotes(notes: ScanNote[]): void {
  notes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.code < b.code ? -1 : 1));
}

interface WalkState {
  visited: Set<string>;
  out: string[];
  langs: Lang[];
  notes: ScanNote[];
  rootReal: string;
  includeMatch: picomatch.Matcher | null;
  excludeMatch: picomatch.Matcher | null;
}

/**
 * `abs` is the directory as reached (through links), `real` its real path: a plain
 * subdirectory's real path is its parent's plus its name, so only links need realpath.
 */
function walkDir(w: WalkState, abs: string, real: string, rel: string, parentLevels: IgnoreLevel[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(abs, { withFileTypes: true });
  } catch (e) {
    w.notes.push({ file: rel || '.', code: 'unreadable', message: `cannot read directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return;
  }
  let levels = parentLevels;
  // Only open a .gitignore the listing shows (a failed open per directory costs more than the check).
  if (entries.some((e) => e.name === '.gitignore' && !e.isDirectory())) {
    const gitignore = readIgnoreFile(path.join(abs, '.gitignore'));
    if (gitignore !== null) levels = [...parentLevels, ignoreLevel(rel, gitignore)];
  }

  // Files are tested only against the levels that can match a file.
  const fileLevels = levels.some((l) => !l.files) ? levels.filter((l) => l.files) : levels;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.isFile()) {
      // The common case first, with no path built for a file that cannot hold a call.
      const lang = languageOf(entry.name);
      if (lang === null) continue;
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (fileLevels.length > 0 && isIgnored(fileLevels, childRel, false)) continue;
      if (w.excludeMatch && w.excludeMatch(childRel)) continue;
      if (w.includeMatch && !w.includeMatch(childRel)) continue;
      w.out.push(childRel);
      w.langs.push(lang);
      continue;
    }
    const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
    const childAbs = abs + path.sep + entry.name;
    let isDir = entry.isDirectory();
    let isFile = false;
    let realDir: string | null = null;
    if (entry.isSymbolicLink()) {
      let linkReal: string;
      let st;
      try {
        linkReal = realpathSync.native(childAbs);
        st = statSync(linkReal);
      } catch {
        w.notes.push({ file: childRel, code: 'unreadable', message: 'broken symbolic link' });
        continue;
      }
      if (linkReal !== w.rootReal && !linkReal.startsWith(w.rootReal + path.sep)) {
        w.notes.push({ file: childRel, code: 'symlink-outside', message: `symbolic link points outside the scan root (${linkReal}); not followed` });
        continue;
      }
      isDir = st.isDirectory();
      isFile = st.isFile();
      if (isDir) realDir = linkReal;
    }
    if (isDir) {
      if (SKIPPED_DIRS.has(entry.name)) continue;
      if (levels.length > 0 && isIgnored(levels, childRel, true)) continue;
      if (w.excludeMatch && (w.excludeMatch(childRel) || w.excludeMatch(childRel + '/'))) continue;
      const childReal = realDir ?? real + path.sep + entry.name;
      if (w.visited.has(childReal)) {
        w.notes.push({ file: childRel, code: 'symlink-loop', message: 'directory already visited through another path (symbolic link loop); not followed again' });
        continue;
      }
      w.visited.add(childReal);
      walkDir(w, childAbs, childReal, childRel, levels);
      continue;
    }
    if (!isFile) continue;
    const lang = languageOf(entry.name);
    if (lang === null) continue;
    if (fileLevels.length > 0 && isIgnored(fileLevels, childRel, false)) continue;
    if (w.excludeMatch && w.excludeMatch(childRel)) continue;
    if (w.includeMatch && !w.includeMatch(childRel)) continue;
    w.out.push(childRel);
    w.langs.push(lang);
  }
}

/** A file over the size limit: its windows, read while the file is open (see large.ts). */
export type LargeFile = (visit: (w: Window) => void) => void;

export interface ReaderOptions {
  /** Files over maxBytes: analysed in windows when given, else noted as too large. */
  onLarge?: (rel: string, windows: LargeFile) => void;
  /** For a binary file: whether its Latin-1 text holds a fal marker (then its note says so). */
  binaryMarker?: (latin1: string) => boolean;
}

/** Context each side of a window's core: a call spanning a boundary is shorter than this. */
const WINDOW_MARGIN = 64 * 1024;

/**
 * Reads candidate files one after another with synchronous calls (for many small files this
 * beats batched promises: no per-file promise, no thread-pool hop) into one scratch buffer.
 * Files the walk saw as regular are read to end of file without a stat (open, read until a short read, close);
 * a caller's file list is checked with fstat first. Text is UTF-8, with or without a BOM, or
 * UTF-16 LE/BE (see decode.ts); a file over the limit is handed to `onLarge` as windows.
 */
export class SourceReader {
  #scratch = Buffer.allocUnsafe(64 * 1024);
  readonly #rootPrefix: string;
  readonly #maxBytes: number;
  readonly #notes: ScanNote[];
  readonly #knownRegular: boolean;
  readonly #options: ReaderOptions;

  constructor(rootReal: string, maxBytes: number, notes: ScanNote[], knownRegular = false, options: ReaderOptions = {}) {
    this.#rootPrefix = rootReal.endsWith(path.sep) ? rootReal : rootReal + path.sep;
    this.#maxBytes = maxBytes;
    this.#notes = notes;
    this.#knownRegular = knownRegular;
    this.#options = options;
  }

  #tooLarge(rel: string, size: number): null {
    this.#notes.push({ file: rel, code: 'too-large', message: `file is ${size} bytes, over the ${this.#maxBytes}-byte limit; not scanned` });
    return null;
  }

  /**
   * The file's text, or null: with a note (not a regular file, binary, unreadable), or after
   * its windows went to `onLarge` (a file over the limit).
   */
  read(rel: string): string | null {
    let fd = -1;
    try {
      // O_NONBLOCK: a FIFO named like a source file must not hang the scan.
      fd = openSync(this.#rootPrefix + rel, OPEN_FLAGS);
      // Read at most one byte over the limit: enough to know a file is too large.
      let want = this.#maxBytes + 1;
      if (!this.#knownRegular) {
        const st = fstatSync(fd);
        if (!st.isFile()) {
          this.#notes.push({ file: rel, code: 'skipped', message: 'not a regular file' });
          return null;
        }
        if (st.size > this.#maxBytes && !this.#options.onLarge) return this.#tooLarge(rel, st.size);
        want = Math.min(want, st.size + 1);
      }
      let buf = this.#scratch;
      let n = 0;
      for (;;) {
        if (n === buf.length) {
          const bigger = Buffer.allocUnsafe(Math.min(buf.length * 4, this.#maxBytes + 1));
          buf.copy(bigger, 0, 0, n);
          buf = this.#scratch = bigger;
        }
        const asked = Math.min(buf.length, want) - n;
        const r = readSync(fd, buf, n, asked, null);
        n += r;
        // A regular file reads short only at its end: no second read to see 0 (a syscall per file).
        if (r < asked || n >= want) break;
      }
      const sniffed = sniff(buf, n);
      if ('binary' in sniffed) return this.#binary(rel, fd, buf, n);
      if (n > this.#maxBytes) {
        const onLarge = this.#options.onLarge;
        if (!onLarge) return this.#tooLarge(rel, fstatSync(fd).size);
        const open = fd;
        onLarge(rel, (visit) => forEachWindow(open, buf, n, sniffed.bom, sniffed.encoding, { core: this.#maxBytes, margin: WINDOW_MARGIN }, visit));
        return null;
      }
      return decodeAll(buf, n, sniffed);
    } catch (e) {
      this.#notes.push({ file: rel, code: 'unreadable', message: `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return null;
    } finally {
      if (fd >= 0) closeSync(fd);
    }
  }

  /** A binary file is not scanned; its note says whether it holds a fal marker (read in bounded chunks). */
  #binary(rel: string, fd: number, buf: Buffer, n: number): null {
    const marker = this.#options.binaryMarker;
    let found = false;
    if (marker) {
      let tail = '';
      let text = buf.toString('latin1', 0, n);
      for (;;) {
        if (marker(tail + text)) { found = true; break; }
        tail = text.slice(-256);
        const r = readSync(fd, buf, 0, buf.length, null);
        if (r === 0) break;
        text = buf.toString('latin1', 0, r);
      }
    }
    this.#notes.push(found
      ? { file: rel, code: 'binary', message: 'file looks binary (NUL byte in the first 8 KiB) but holds a fal host or a catalog id; it is not scanned, so check it by hand' }
      : { file: rel, code: 'binary', message: 'file looks binary (NUL byte in the first 8 KiB); not scanned' });
    return null;
  }
}
