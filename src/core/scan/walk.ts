// The project walker: which files to scan, and the notes for the ones it cannot.
// Honours .gitignore at every level (each file's patterns relative to its own
// directory, deeper files able to re-include with `!`), .git/info/exclude, the
// built-in skips and the caller's include/exclude globs. Symlinks are followed
// only inside the root and never twice (real paths are tracked), so a link
// loop ends with a note instead of a hang. Every I/O failure becomes a note.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { languageOf } from './languages.ts';
import type { ScanNote } from './types.ts';

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
const BINARY_SNIFF_BYTES = 8192;

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

interface IgnoreLevel {
  /** Directory of the ignore file, relative to root ('' for the root). */
  dir: string;
  ig: Ignore;
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

async function readIgnoreFile(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return null;
  }
}

export async function walk(root: string, options: WalkOptions = {}): Promise<WalkResult> {
  const notes: ScanNote[] = [];
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const includeMatch = options.include?.length ? picomatch(options.include, { dot: true }) : null;
  const excludeMatch = options.exclude?.length ? picomatch(options.exclude, { dot: true }) : null;
  let rootReal: string;
  try {
    rootReal = await fs.realpath(root);
  } catch (e) {
    notes.push({ file: '.', code: 'unreadable', message: `cannot open the scan root: ${(e as Error).message}` });
    return { files: [], notes };
  }

  const candidates: string[] = [];
  if (options.files) {
    for (const f of options.files) {
      const rel = toPosix(path.normalize(f)).replace(/^\.\//, '');
      if (rel.startsWith('../') || path.isAbsolute(rel)) {
        notes.push({ file: f, code: 'skipped', message: 'path is outside the scan root' });
        continue;
      }
      if (languageOf(rel) !== null) candidates.push(rel);
    }
  } else {
    const rootLevels: IgnoreLevel[] = [];
    const exclude = await readIgnoreFile(path.join(rootReal, '.git', 'info', 'exclude'));
    if (exclude !== null) rootLevels.push({ dir: '', ig: ignore().add(exclude) });
    const visited = new Set<string>([rootReal]);
    await walkDir(rootReal, '', rootLevels, visited, candidates, notes, rootReal, includeMatch, excludeMatch);
  }

  const files: SourceFile[] = [];
  const BATCH = 32;
  for (let i = 0; i < candidates.length; i += BATCH) {
    const batch = candidates.slice(i, i + BATCH);
    const read = await Promise.all(batch.map((rel) => readSource(rootReal, rel, maxBytes, notes)));
    for (const r of read) if (r) files.push(r);
  }
  files.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  notes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.code < b.code ? -1 : 1));
  return { files, notes };
}

async function walkDir(
  abs: string, rel: string, parentLevels: IgnoreLevel[], visited: Set<string>, out: string[], notes: ScanNote[],
  rootReal: string, includeMatch: picomatch.Matcher | null, excludeMatch: picomatch.Matcher | null,
): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(abs, { withFileTypes: true });
  } catch (e) {
    notes.push({ file: rel || '.', code: 'unreadable', message: `cannot read directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return;
  }
  let levels = parentLevels;
  const gitignore = await readIgnoreFile(path.join(abs, '.gitignore'));
  if (gitignore !== null) levels = [...parentLevels, { dir: rel, ig: ignore().add(gitignore) }];

  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
    const childAbs = path.join(abs, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    let realDir: string | null = null;
    if (entry.isSymbolicLink()) {
      let real: string;
      let st;
      try {
        real = await fs.realpath(childAbs);
        st = await fs.stat(real);
      } catch {
        notes.push({ file: childRel, code: 'unreadable', message: 'broken symbolic link' });
        continue;
      }
      if (real !== rootReal && !real.startsWith(rootReal + path.sep)) {
        notes.push({ file: childRel, code: 'symlink-outside', message: `symbolic link points outside the scan root (${real}); not followed` });
        continue;
      }
      isDir = st.isDirectory();
      isFile = st.isFile();
      if (isDir) realDir = real;
    }
    if (isDir) {
      if (SKIPPED_DIRS.has(entry.name)) continue;
      if (isIgnored(levels, childRel, true)) continue;
      if (excludeMatch && (excludeMatch(childRel) || excludeMatch(childRel + '/'))) continue;
      const real = realDir ?? (await fs.realpath(childAbs).catch(() => childAbs));
      if (visited.has(real)) {
        notes.push({ file: childRel, code: 'symlink-loop', message: 'directory already visited through another path (symbolic link loop); not followed again' });
        continue;
      }
      visited.add(real);
      await walkDir(childAbs, childRel, levels, visited, out, notes, rootReal, includeMatch, excludeMatch);
      continue;
    }
    if (!isFile) continue;
    if (languageOf(childRel) === null) continue;
    if (isIgnored(levels, childRel, false)) continue;
    if (excludeMatch && excludeMatch(childRel)) continue;
    if (includeMatch && !includeMatch(childRel)) continue;
    out.push(childRel);
  }
}

async function readSource(rootReal: string, rel: string, maxBytes: number, notes: ScanNote[]): Promise<SourceFile | null> {
  const abs = path.join(rootReal, rel);
  try {
    const st = await fs.stat(abs);
    if (!st.isFile()) {
      notes.push({ file: rel, code: 'skipped', message: 'not a regular file' });
      return null;
    }
    if (st.size > maxBytes) {
      notes.push({ file: rel, code: 'too-large', message: `file is ${st.size} bytes, over the ${maxBytes}-byte limit; not scanned` });
      return null;
    }
    const buf = await fs.readFile(abs);
    if (buf.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
      notes.push({ file: rel, code: 'binary', message: 'file looks binary (NUL byte in the first 8 KiB); not scanned' });
      return null;
    }
    return { relPath: rel, text: buf.toString('utf8') };
  } catch (e) {
    notes.push({ file: rel, code: 'unreadable', message: `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return null;
  }
}
