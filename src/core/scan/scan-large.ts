// Findings of a file too large to analyse whole, window by window (see large.ts). Each window is
// analysed and linked on its own: names are resolved within the window, so an id bound far from
// its call stays `dynamic` (a review, never a silent pass), and the window contributes nothing to
// other files' linking. A finding counts only in the window whose core holds it.

import { analysisFailed, analyzeFile } from './analyze.ts';
import type { Lang } from './languages.ts';
import type { Window } from './large.ts';
import { indexLines } from './lines.ts';
import { link } from './link.ts';
import type { Prefilter } from './prefilter.ts';
import type { Finding, ScanNote } from './types.ts';
import type { LargeFile } from './walk.ts';

export function scanLargeFile(
  rel: string,
  lang: Lang,
  windows: LargeFile,
  isKnown: ((id: string) => boolean) | undefined,
  mayHold: Prefilter | null,
  notes: ScanNote[],
): Finding[] {
  const out: Finding[] = [];
  let failure: string | undefined;
  windows((w) => {
    if (mayHold !== null && !mayHold(lang, w.text)) return;
    const a = analyzeFile(rel, w.text, isKnown, lang);
    if (a.failure !== undefined) {
      failure ??= a.failure;
      return;
    }
    out.push(...owned(link([a]), w));
  });
  if (failure !== undefined) notes.push(analysisFailed(rel, failure));
  return out;
}

/** The window's findings that lie in its core, moved to file positions. */
function owned(findings: Finding[], w: Window): Finding[] {
  const lines = indexLines(w.text);
  return findings.flatMap((f) => {
    const offset = lines.starts[f.line - 1]! + f.column - 1;
    if (offset < w.ownFrom || offset >= w.ownTo) return [];
    return [{ ...f, line: w.line + f.line, column: f.line === 1 ? w.column + f.column : f.column }];
  });
}
