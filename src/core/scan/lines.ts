// Offset → 1-based line/column, by binary search over precomputed line starts.

export interface LineIndex {
  starts: number[];
  text: string;
}

export function indexLines(text: string): LineIndex {
  const starts = [0];
  let at = text.indexOf('\n');
  while (at >= 0) {
    starts.push(at + 1);
    at = text.indexOf('\n', at + 1);
  }
  return { starts, text };
}

export function position(index: LineIndex, offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = index.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (index.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - index.starts[lo]! + 1 };
}

export function lineAt(index: LineIndex, line: number): string {
  const start = index.starts[line - 1] ?? 0;
  const next = index.starts[line];
  let end = next === undefined ? index.text.length : next - 1;
  if (end > start && index.text[end - 1] === '\r') end--;
  return index.text.slice(start, Math.min(end, start + 10_000));
}

/** The line as shown in a report: trimmed, at most 200 characters. */
export function displayLine(index: LineIndex, line: number): string {
  // Bounded work even on a 5 MB line: skip leading blanks, then read at most 200 characters.
  let start = index.starts[line - 1] ?? 0;
  const next = index.starts[line];
  const end = next === undefined ? index.text.length : next - 1;
  while (start < end && /\s/.test(index.text[start]!)) start++;
  return index.text.slice(start, Math.min(end, start + 200)).trim();
}
