// Jupyter notebooks: the code cells, read as one program (a notebook's cells share one
// namespace, so a model id set in one cell reaches a call in another). A finding names the
// notebook, its line and column in the .ipynb file (what editors, CI annotations and SARIF point
// at), and the cell and the line in the cell (what a person looks for in Jupyter).

import type { Lang } from '../languages.ts';

export interface NotebookLine {
  /** 0-based index of the cell among all the notebook's cells (as Jupyter counts them). */
  cell: number;
  /** 1-based line within the cell. */
  cellLine: number;
  /** 1-based line of the .ipynb file holding this line's JSON string, and the column of its first character (after the quote). */
  fileLine: number;
  fileColumn: number;
  /** The line as the cell holds it (decoded). */
  text: string;
}

export interface NotebookCode {
  /** The code cells, one after another, one line per cell line. */
  code: string;
  lang: Lang;
  /** For each line of `code`, where it is in the notebook (undefined for the blank line between cells). */
  lines: (NotebookLine | undefined)[];
}

const KERNELS: Record<string, Lang> = { python: 'python', javascript: 'js', typescript: 'js', ruby: 'ruby', go: 'go', kotlin: 'kotlin', java: 'java', rust: 'rust', csharp: 'csharp', 'c#': 'csharp', dart: 'dart', php: 'php', swift: 'swift' };

/** The code cells of a notebook, or an error message when the file is not a notebook (invalid JSON or shape). */
export function notebookCode(text: string): NotebookCode | { error: string } {
  let nb: { cells?: unknown; metadata?: { kernelspec?: { language?: string }; language_info?: { name?: string } } };
  try {
    nb = JSON.parse(text) as typeof nb;
  } catch (e) {
    return { error: `not a valid notebook: ${(e as Error).message}` };
  }
  if (!nb || typeof nb !== 'object' || !Array.isArray(nb.cells)) return { error: 'not a valid notebook: no cells list' };
  const kernel = (nb.metadata?.language_info?.name ?? nb.metadata?.kernelspec?.language ?? 'python').toLowerCase();
  const lang = KERNELS[kernel] ?? 'python';
  const starts = lineStarts(text);
  const code: string[] = [];
  const lines: (NotebookLine | undefined)[] = [];
  // Each source string is searched for in the file after the previous one: JSON keeps order.
  let cursor = 0;
  (nb.cells as unknown[]).forEach((raw, index) => {
    const cell = raw as { cell_type?: unknown; source?: unknown };
    const parts = typeof cell.source === 'string' ? [cell.source] : Array.isArray(cell.source) ? cell.source.filter((p): p is string => typeof p === 'string') : [];
    const located = parts.map((part) => {
      const encoded = JSON.stringify(part);
      const at = text.indexOf(encoded, cursor);
      // A notebook written with other escapes (e.g. \u00e9 for é) is still read; its columns are then the string's start.
      const found = at >= 0 ? at : text.indexOf('"', cursor);
      if (found >= 0) cursor = found + (at >= 0 ? encoded.length : 1);
      return { part, at: found };
    });
    if (cell.cell_type !== 'code') return;
    if (code.length > 0) { code.push(''); lines.push(undefined); }
    let cellLine = 0;
    for (const { part, at } of located) {
      // A source string normally holds one line (ending in \n); one holding several is split.
      let from = 0;
      for (const piece of part.split('\n')) {
        if (from > 0 && piece === '' && from === part.length) break;
        const escapedBefore = JSON.stringify(part.slice(0, from)).length - 2;
        const pos = at >= 0 ? position(starts, at + 1 + escapedBefore) : { line: 1, column: 1 };
        cellLine++;
        code.push(piece);
        lines.push({ cell: index, cellLine, fileLine: pos.line, fileColumn: pos.column, text: piece });
        from += piece.length + 1;
        if (from > part.length) break;
      }
    }
  });
  return { code: code.join('\n'), lang, lines };
}

/** The file column of character `column` (1-based) of a notebook line, counting JSON escapes. */
export function fileColumnOf(line: NotebookLine, column: number): number {
  return line.fileColumn + JSON.stringify(line.text.slice(0, column - 1)).length - 2;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function position(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}
