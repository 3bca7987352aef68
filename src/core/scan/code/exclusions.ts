// Positions where an id-shaped literal is not a use: import lines, object/dict keys, and what the
// language adds (lang/*.ts `excludes`, `typeOnlyRanges`: TypeScript types, TOML quoted keys).

import type { Literal } from '../literals.ts';
import type { Source } from './source.ts';

const IMPORT_LINE = /^\s*(import|from|export\s+\*|export\s*\{|#include|use|using|require|@import)\b/;

export function isExcludedUse(src: Source, l: Literal): boolean {
  return isPositionExcluded(src, l) || (src.typeOnly.length > 0 && inRanges(src.typeOnly, l.quote));
}

function isPositionExcluded(src: Source, l: Literal): boolean {
  const code = src.code;
  const lineStart = src.lineStartOf(l.quote);
  const head = code.slice(lineStart, Math.min(l.quote, lineStart + 200));
  if (IMPORT_LINE.test(head) || /(require|import)\s*\(\s*$/.test(head)) return true;
  let p = l.quote - 1;
  while (p >= 0 && /\s/.test(code[p]!)) p--;
  const prev = code[p] ?? '';
  let q = l.end;
  // Skip the closing quote(s).
  while (q < code.length && (code[q] === '"' || code[q] === "'" || code[q] === '`') && q <= l.end + 3) q++;
  while (q < code.length && /\s/.test(code[q]!)) q++;
  const next = code[q] ?? '';
  // Object/dict keys: ids used only as keys (price tables, validation lists).
  if ((next === ':' && code[q + 1] !== ':') || (next === '=' && code[q + 1] === '>') || (next === '?' && code[q + 1] === ':')) {
    // (`;` separates members of a TypeScript type literal.)
    if (prev === '{' || prev === ',' || prev === '[' || prev === '(' || prev === ';' || p < 0 || prev === '\n') return true;
  }
  return src.language.excludes?.({ code, quote: l.quote, head, prev, p, next, q }) ?? false;
}

/** Whether `at` falls in one of the sorted, disjoint ranges [start, end). */
function inRanges(ranges: Array<[number, number]>, at: number): boolean {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]![1] <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.length && ranges[lo]![0] <= at;
}
