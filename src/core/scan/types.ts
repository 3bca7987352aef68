// The scanner's public data shapes. Kept apart from the logic so callers
// (verdicts, reporters) can import types without pulling in the walker.

export type FindingKind = 'call' | 'reference' | 'dynamic';
export type UsageContext = 'source' | 'test' | 'example' | 'docs';

export interface Finding {
  /** Path relative to the scanned root, POSIX separators. */
  file: string;
  /** 1-based line of `raw`. */
  line: number;
  /** 1-based column of the first character of `raw` (inside the quotes). */
  column: number;
  kind: FindingKind;
  usage: UsageContext;
  /** Normalized request path, not resolved against the catalog; null for 'dynamic'. */
  id: string | null;
  /** The literal text as written (first line only), or the call text for 'dynamic'. */
  raw: string;
  /** Machine tag of the pattern that matched. */
  via: string;
  /** The source line, trimmed, at most 200 characters. */
  lineText: string;
  /** In a Jupyter notebook: the cell (0-based, as Jupyter counts them) and the line and column within it. */
  cell?: { index: number; line: number; column: number };
}

export type ScanNoteCode = 'too-large' | 'binary' | 'unreadable' | 'symlink-loop' | 'symlink-outside' | 'skipped' | 'analysis-failed' | 'thread-fallback';

export interface ScanNote {
  file: string;
  code: ScanNoteCode;
  message: string;
}

export interface ScanOptions {
  include?: string[];
  exclude?: string[];
  maxFileBytes?: number;
  files?: string[];
  isKnownEndpoint?: (id: string) => boolean;
  /**
   * Every owner (first id segment) isKnownEndpoint can accept. With it, files that cannot
   * hold a finding skip the full analysis (see prefilter.ts); when isKnownEndpoint is given
   * without it, every file is analysed.
   */
  knownOwners?: Iterable<string>;
  /**
   * Every catalog id and alias, as data: an id is known when one of them prefixes it (longest
   * first, owner case-insensitive, as the catalog resolves). Unlike isKnownEndpoint it can be
   * handed to worker threads, so a large tree is scanned on every core.
   */
  knownIds?: readonly string[];
  /** Threads to scan with (default: every core, up to 4, for trees of 4,000 files or more). */
  threads?: number;
}

export interface ScanResult {
  findings: Finding[];
  notes: ScanNote[];
  filesScanned: number;
}
