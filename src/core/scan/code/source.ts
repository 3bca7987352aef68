// Pass 1, lex: a file's text → its Source. The lexer (literals.ts) finds the string literals
// and masks comments and string contents; scope.ts reads what the file says at module level.
// Every later pass reads the file through this object: the masked code for structure, the
// text for what literals and names say, both at the same offsets.

import { lex, type Literal } from '../literals.ts';
import { position, type LineIndex } from '../lines.ts';
import type { CallContext } from '../calls.ts';
import type { CodeLanguage } from '../lang/types.ts';
import { fileScope } from './scope.ts';
import { isExcludedUse } from './exclusions.ts';

export class Source {
  readonly text: string;
  /** The text with comments and literal contents blanked (quotes, holes and newlines kept). */
  readonly code: string;
  /** String literals in source order. */
  readonly literals: Literal[];
  readonly lines: LineIndex;
  readonly language: CodeLanguage;
  /** fal client variables and bare fal functions, for classifying callees. */
  readonly calls: CallContext;
  /** Names this file imports by name. */
  readonly imports: Set<string>;
  /** Offset ranges holding only types (the language's `typeOnlyRanges`). */
  readonly typeOnly: Array<[number, number]>;
  #byQuote: Map<number, number> | null = null;

  constructor(text: string, lines: LineIndex, language: CodeLanguage) {
    const { literals, code } = lex(text, language.lex);
    this.text = text;
    this.code = code;
    this.literals = literals;
    this.lines = lines;
    this.language = language;
    const scope = fileScope(this);
    this.calls = scope.calls;
    this.imports = scope.imports;
    this.typeOnly = language.typeOnlyRanges?.(code) ?? [];
  }

  /** Indices of the literals whose opening quote is in [start, end). */
  literalsIn(start: number, end: number): number[] {
    // Literals are in source order; binary search the first quote >= start.
    const literals = this.literals;
    let lo = 0;
    let hi = literals.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (literals[mid]!.quote < start) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < literals.length && literals[i]!.quote < end; i++) out.push(i);
    return out;
  }

  /** The index of the literal whose opening quote is at `quote`. */
  literalAt(quote: number): number | undefined {
    if (this.#byQuote === null) {
      this.#byQuote = new Map();
      this.literals.forEach((l, i) => this.#byQuote!.set(l.quote, i));
    }
    return this.#byQuote.get(quote);
  }

  lineStartOf(offset: number): number {
    return this.lines.starts[position(this.lines, offset).line - 1] ?? 0;
  }

  /** A literal as written: its content's first line. */
  rawOf(l: Literal): string {
    const s = this.text.slice(l.start, l.end);
    const nl = s.indexOf('\n');
    return (nl >= 0 ? s.slice(0, nl) : s).replace(/\r$/, '');
  }

  /** Whether an id-shaped literal stands where it is no use: imports, keys, types. */
  isExcluded(l: Literal): boolean {
    return isExcludedUse(this, l);
  }
}
