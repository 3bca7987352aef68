// Findings of a Jupyter notebook: its code cells are analysed as one program (formats/notebook.ts)
// and linked on their own, then each finding is placed in the .ipynb file and in its cell.

import { analysisFailed, analyzeFile } from './analyze.ts';
import { fileColumnOf, notebookCode } from './formats/notebook.ts';
import { link } from './link.ts';
import type { Finding, ScanNote } from './types.ts';

export function scanNotebook(rel: string, text: string, isKnown: ((id: string) => boolean) | undefined, notes: ScanNote[]): Finding[] {
  const nb = notebookCode(text);
  if ('error' in nb) {
    notes.push(analysisFailed(rel, nb.error));
    return [];
  }
  const a = analyzeFile(rel, nb.code, isKnown, nb.lang);
  if (a.failure !== undefined) {
    notes.push(analysisFailed(rel, a.failure));
    return [];
  }
  return link([a]).flatMap((f) => {
    const at = nb.lines[f.line - 1];
    if (!at) return [];
    return [{ ...f, line: at.fileLine, column: fileColumnOf(at, f.column), cell: { index: at.cell, line: at.cellLine, column: f.column } }];
  });
}
