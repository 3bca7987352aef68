// A small hand-written lexer that finds string literals and blanks comments.
// One forward pass, no backtracking: every loop advances `i`, so the cost is
// linear in the input. It is deliberately forgiving: an unterminated quote
// ends at the line break (or end of text for multi-line forms), so one odd
// character (a JSX apostrophe, a Rust lifetime) costs at most one line.

import { HOLE } from './urls.ts';

export interface LexSpec {
  slashComments: boolean;
  hashComments: boolean;
  htmlComments: boolean;
  /** What a backtick opens: a JS template, a Go raw string, or nothing. */
  backtick: 'template' | 'raw' | 'none';
  tripleQuotes: boolean;
  /** In Rust/Kotlin/Java/Go/C#/Swift `'x'` is a character, never an id. */
  singleQuoteIsChar: boolean;
  /** Interpolation syntax inside ordinary double-quoted strings. */
  interpolation: 'none' | 'dollar' | 'ruby' | 'swift' | 'python-f' | 'csharp';
  regexLiterals: boolean;
  /** Ruby `=begin` … `=end` block comments (each marker at a line start). */
  beginEndComments?: boolean;
}

export interface Hole {
  /** Offsets of the expression inside the interpolation, in the source. */
  start: number;
  end: number;
}

export interface Literal {
  /** Offset of the opening quote. */
  quote: number;
  /** Offsets of the content (exclusive end). */
  start: number;
  end: number;
  /** Content as written, with each interpolation replaced by HOLE. */
  value: string;
  holes: Hole[];
}

export interface Lexed {
  literals: Literal[];
  /** The source with comments and literal contents blanked (quotes, holes and newlines kept). */
  code: string;
}

const REGEX_PRECEDERS = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^', '']);

// The masked code is built as UTF-16 code units (one per source code unit, so offsets match)
// and decoded once: an array of one-character strings joined at the end cost more than the lexing.
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

function lastSignificant(code: Uint16Array, i: number): string {
  let k = i - 1;
  while (k >= 0 && (code[k] === SPACE || code[k] === TAB || code[k] === LF || code[k] === CR)) k--;
  return k >= 0 ? String.fromCharCode(code[k]!) : '';
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function precedingWord(code: Uint16Array, i: number): string {
  let k = i - 1;
  while (k >= 0 && (code[k] === SPACE || code[k] === TAB)) k--;
  let w = '';
  while (k >= 0 && isAsciiLetter(code[k]!) && w.length < 8) { w = String.fromCharCode(code[k]!) + w; k--; }
  return w;
}

function decodeUnits(code: Uint16Array): string {
  // utf16le maps each unit to itself (lone surrogates included), unlike TextDecoder.
  return Buffer.from(code.buffer, code.byteOffset, code.byteLength).toString('utf16le');
}

export function lex(text: string, spec: LexSpec): Lexed {
  const n = text.length;
  const code = new Uint16Array(n);
  const literals: Literal[] = [];
  let i = 0;

  const blank = (from: number, to: number): void => {
    for (let k = from; k < to; k++) code[k] = text.charCodeAt(k) === LF ? LF : SPACE;
  };
  const keep = (from: number, to: number): void => {
    for (let k = from; k < to; k++) code[k] = text.charCodeAt(k);
  };

  /** Skip an interpolation body, returning the offset just past its closing bracket. */
  const skipHole = (from: number, open: string, close: string): number => {
    let depth = 1;
    let k = from;
    while (k < n) {
      const c = text[k]!;
      if (c === open) depth++;
      else if (c === close) { depth--; if (depth === 0) return k; }
      k++;
    }
    return n;
  };

  const readString = (q: number, quote: string, triple: boolean, multiline: boolean, escapes: boolean, interp: LexSpec['interpolation'] | 'template'): number => {
    const qlen = triple ? 3 : 1;
    const start = q + qlen;
    let k = start;
    let value = '';
    const holes: Hole[] = [];
    let end = n;
    let after = n;
    let segStart = start;
    /** An interpolation opened at `at` (its opener `open` chars long): recorded as a hole; returns where the string goes on. */
    const bracketHole = (at: number, open: number, left: string, right: string): number => {
      value += text.slice(segStart, at) + HOLE;
      const close = skipHole(at + open, left, right);
      holes.push({ start: at + open, end: close });
      segStart = Math.min(close + 1, n);
      return segStart;
    };
    while (k < n) {
      const c = text[k]!;
      if (escapes && c === '\\') {
        if (interp === 'swift' && text[k + 1] === '(') {
          k = bracketHole(k, 2, '(', ')');
          continue;
        }
        k += 2;
        continue;
      }
      if (c === quote && (!triple || (text[k + 1] === quote && text[k + 2] === quote))) {
        end = k;
        after = k + qlen;
        break;
      }
      if (c === '\n' && !multiline) { end = k; after = k; break; }
      if ((interp === 'template' || interp === 'dollar') && c === '$' && text[k + 1] === '{') {
        k = bracketHole(k, 2, '{', '}');
        continue;
      }
      if (interp === 'dollar' && c === '$' && /[A-Za-z_]/.test(text[k + 1] ?? '')) {
        value += text.slice(segStart, k) + HOLE;
        let e = k + 1;
        while (e < n && /[A-Za-z0-9_]/.test(text[e]!)) e++;
        holes.push({ start: k + 1, end: e });
        k = e;
        segStart = k;
        continue;
      }
      if (interp === 'ruby' && c === '#' && text[k + 1] === '{') {
        k = bracketHole(k, 2, '{', '}');
        continue;
      }
      if ((interp === 'python-f' || interp === 'csharp') && c === '{') {
        if (text[k + 1] === '{') { k += 2; continue; }
        k = bracketHole(k, 1, '{', '}');
        continue;
      }
      k++;
    }
    if (k >= n) { end = n; after = n; }
    value += text.slice(segStart, end);
    literals.push({ quote: q, start, end, value, holes });
    keep(q, start);
    blank(start, end);
    for (const h of holes) keep(h.start, Math.min(h.end, end));
    keep(end, after);
    return after;
  };

  while (i < n) {
    const c = text[i]!;
    const next = text[i + 1];
    if (spec.slashComments && c === '/' && next === '/') {
      let k = i;
      while (k < n && text[k] !== '\n') k++;
      blank(i, k);
      i = k;
      continue;
    }
    if (spec.slashComments && c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      const k = close < 0 ? n : close + 2;
      blank(i, k);
      i = k;
      continue;
    }
    if (spec.htmlComments && c === '<' && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      const k = close < 0 ? n : close + 3;
      blank(i, k);
      i = k;
      continue;
    }
    if (spec.beginEndComments && c === '=' && (i === 0 || text[i - 1] === '\n') && text.startsWith('=begin', i) && !/[^\s]/.test(text[i + 6] ?? ' ')) {
      const close = text.indexOf('\n=end', i);
      let k = close < 0 ? n : text.indexOf('\n', close + 1);
      if (k < 0) k = n;
      blank(i, k);
      i = k;
      continue;
    }
    if (spec.hashComments && c === '#') {
      // Not a comment when it is PHP 8 attributes `#[` or Rust attributes — treat those as code.
      if (next === '[' && !spec.tripleQuotes) { code[i] = text.charCodeAt(i); i++; continue; }
      let k = i;
      while (k < n && text[k] !== '\n') k++;
      blank(i, k);
      i = k;
      continue;
    }
    if (spec.regexLiterals && c === '/' && next !== '/' && next !== '*') {
      const prev = lastSignificant(code, i);
      const word = precedingWord(code, i);
      if (REGEX_PRECEDERS.has(prev) || word === 'return' || word === 'typeof') {
        let k = i + 1;
        let inClass = false;
        while (k < n && text[k] !== '\n') {
          const ch = text[k]!;
          if (ch === '\\') { k += 2; continue; }
          if (ch === '[') inClass = true;
          else if (ch === ']') inClass = false;
          else if (ch === '/' && !inClass) break;
          k++;
        }
        if (k < n && text[k] === '/') {
          blank(i, k + 1);
          i = k + 1;
          continue;
        }
      }
    }
    if (c === '"' || c === "'") {
      if (c === "'" && spec.singleQuoteIsChar) {
        // A char literal is 'x' or '\x…'; anything else is a lifetime or label: plain code.
        const close = text[i + 1] === '\\' ? text.indexOf("'", i + 2) : i + 2;
        if (close > 0 && close - i <= 10 && text[close] === "'" && !text.slice(i + 1, close).includes('\n')) {
          blank(i, close + 1);
          i = close + 1;
          continue;
        }
        code[i] = text.charCodeAt(i);
        i++;
        continue;
      }
      const triple = spec.tripleQuotes && text[i + 1] === c && text[i + 2] === c;
      let interp: LexSpec['interpolation'] = 'none';
      let escapes = true;
      if (spec.interpolation === 'python-f' || spec.interpolation === 'csharp') {
        // Prefix letters decide: f"…" interpolates, r"…" has no escapes.
        let k = i - 1;
        let prefix = '';
        while (k >= 0 && /[A-Za-z$@]/.test(text[k]!) && prefix.length < 3) { prefix = text[k] + prefix; k--; }
        const isPrefix = prefix.length > 0 && (k < 0 || !/[A-Za-z0-9_]/.test(text[k]!));
        if (isPrefix && /[fF$]/.test(prefix)) interp = spec.interpolation;
        if (isPrefix && /[rR@]/.test(prefix)) escapes = false;
      } else if (spec.interpolation === 'ruby') {
        if (c === '"') interp = 'ruby';
      } else if (spec.interpolation === 'dollar') {
        interp = 'dollar';
        if (c === "'" && spec.tripleQuotes === false) interp = 'none';
      } else {
        interp = spec.interpolation;
      }
      i = readString(i, c, triple, triple, escapes, interp);
      continue;
    }
    if (c === '`' && spec.backtick !== 'none') {
      i = spec.backtick === 'template'
        ? readString(i, '`', false, true, true, 'template')
        : readString(i, '`', false, true, false, 'none');
      continue;
    }
    code[i] = text.charCodeAt(i);
    i++;
  }
  return { literals, code: decodeUnits(code) };
}
