// Names and environment variables an expression reads, so a call whose id is
// not a literal can be traced back to the literal that feeds it.

import type { NameRef } from './model.ts';

const ENV_PATTERNS: RegExp[] = [
  /process\.env\.([A-Za-z_][A-Za-z0-9_]*)/g,
  /import\.meta\.env\.([A-Za-z_][A-Za-z0-9_]*)/g,
  /process\.env\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']/g,
  /(?:getenv|Getenv|environ\.get|env\.get|ENV\.fetch|System\.getenv|env)\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']/g,
  /(?:environ|ENV|\$_ENV|\$_SERVER)\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']/g,
];

/** A file's masked code and its text, at the same offsets (code/source.ts `Source`). */
export interface Spanned {
  readonly code: string;
  readonly text: string;
}

/** The names the span [start, end) of a file may evaluate to (nameRefsOf). */
export function refsAt(src: Spanned, start: number, end: number): NameRef[] {
  return nameRefsOf(src.code.slice(start, end), src.text.slice(start, end));
}

/** The span [start, end) of a file as one pure name expression (nameRefOf). */
export function refAt(src: Spanned, start: number, end: number): NameRef | null {
  return nameRefOf(src.code.slice(start, end), src.text.slice(start, end));
}

/** Environment variable names the span [start, end) of a file reads. */
export function envRefsAt(src: Spanned, start: number, end: number): string[] {
  return envRefsIn(src.text.slice(start, end));
}

/** Environment variable names read in `text` (a short expression span). */
export function envRefsIn(text: string): string[] {
  const out: string[] = [];
  if (text.length > 20_000) return out;
  for (const re of ENV_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1]!);
  }
  return out;
}

const HEAD_RE = /^\$?[A-Za-z_][A-Za-z0-9_$]*(?:(?:\.|\?\.|->|::)\$?[A-Za-z_][A-Za-z0-9_$]*)*/;
const FIELD_RE = /^[A-Za-z_$][A-Za-z0-9_$]*/;
/** Methods that return one element (or a sub-list) of a table: `T.find(…)`, `T.at(0)`, `T.get("fast")`. */
const ELEMENT_METHODS = new Set(['get', 'find', 'findLast', 'at', 'filter', 'first', 'last']);

/**
 * A pure name expression as a NameRef; null for anything else (calls, arithmetic, literals):
 * `MODEL`, `config.IMAGE_MODEL`, `MODELS["fast"]`, `MODELS[tier]`, `MODELS.get("fast")`,
 * an element of a table and one of its fields (`OPTIONS[0].id`, `UPSCALERS.find(…).endpointId`
 * → index `id`/`endpointId`), a key path (`CFG["fal"]["models"]["image"]` → index `image`, path).
 * `code` is the masked span, `text` the same span of the original source.
 */
export function nameRefOf(code: string, text: string): NameRef | null {
  let c = code.trim();
  let t = text.trim();
  if (c.length > 200 || c.length === 0) return null;
  // Trailing noise that does not change the value.
  for (const suffix of [' as const', '!!', '!', ';', '.toString()', '.value']) {
    if (c.endsWith(suffix)) { c = c.slice(0, -suffix.length).trimEnd(); t = t.slice(0, -suffix.length).trimEnd(); }
  }
  if (t.length !== c.length) return null;
  const m = HEAD_RE.exec(c);
  if (!m) return null;
  const segs = m[0].replace(/->|::|\?\./g, '.').split('.').map((s) => s.replace(/^\$/, '')).filter((s) => s !== '');
  const keys: string[] = [];
  let k = m[0].length;
  let method: string | null = null;
  while (k < c.length) {
    const ch = c[k]!;
    if (ch === '(') {
      // A method call: only element accessors keep the expression a name.
      const name = method ?? (keys.length === 0 ? segs.pop() : undefined);
      if (name === undefined || segs.length === 0 || !ELEMENT_METHODS.has(name)) return null;
      const close = matchingClose(c, k);
      if (close < 0) return null;
      keys.push(name === 'get' ? quotedOrStar(t.slice(k + 1, close).split(',')[0] ?? '') : '*');
      method = null;
      k = close + 1;
      continue;
    }
    if (method !== null) { keys.push(method); method = null; }
    if (ch === '[') {
      const close = matchingClose(c, k);
      if (close < 0) return null;
      keys.push(quotedOrStar(t.slice(k + 1, close)));
      k = close + 1;
      continue;
    }
    if (ch === '?' && c[k + 1] === '.') k++;
    if (c[k] === '.' && keys.length > 0) {
      const f = FIELD_RE.exec(c.slice(k + 1, k + 81));
      if (!f) return null;
      method = f[0];
      k += 1 + f[0].length;
      continue;
    }
    return null;
  }
  if (method !== null) keys.push(method);
  const chain = segs;
  while (chain.length > 1 && (chain[0] === 'this' || chain[0] === 'self')) chain.shift();
  if (chain.length === 0) return null;
  if (['null', 'None', 'nil', 'undefined', 'true', 'false', 'True', 'False'].includes(chain[0]!)) return null;
  const ref: NameRef = { chain, index: keys.length > 0 ? keys[keys.length - 1]! : null };
  if (keys.length > 1) ref.path = keys;
  return ref;
}

/**
 * The names an expression may evaluate to: each alternative of a top-level `??`, `||` or
 * Python `or` that is a pure name expression (`UPSCALERS.find(…) ?? UPSCALERS[0]`).
 */
export function nameRefsOf(code: string, text: string): NameRef[] {
  const single = nameRefOf(code, text);
  if (single) return [single];
  if (code.length > 400) return [];
  const branches = ternaryBranches(code);
  if (branches) {
    // `hq ? "fal-ai/…" : endpointId`: either branch (never the condition).
    return [...nameRefsOf(code.slice(branches[0], branches[1]), text.slice(branches[0], branches[1])), ...nameRefsOf(code.slice(branches[1] + 1), text.slice(branches[1] + 1))];
  }
  const out: NameRef[] = [];
  let depth = 0;
  let from = 0;
  for (let k = 0; k <= code.length; k++) {
    const ch = code[k];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    let sep = 0;
    if (k === code.length) sep = 1;
    else if (depth === 0 && (code.startsWith('??', k) || code.startsWith('||', k))) sep = 2;
    else if (depth === 0 && code.startsWith(' or ', k)) sep = 4;
    if (sep === 0) continue;
    const r = nameRefOf(code.slice(from, k), text.slice(from, k));
    if (r) out.push(r);
    from = k + sep;
    k += sep - 1;
  }
  return out;
}

/** A top-level `c ? a : b`: [start of a, offset of the `:`], or null. */
function ternaryBranches(code: string): [number, number] | null {
  let depth = 0;
  let q = -1;
  for (let k = 0; k < code.length; k++) {
    const ch = code[k];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (depth === 0 && ch === '?' && q < 0) {
      if (code[k + 1] === '?' || code[k + 1] === '.') { k++; continue; }
      q = k;
    } else if (depth === 0 && ch === ':' && q >= 0 && code[k + 1] !== ':' && code[k - 1] !== ':') return [q + 1, k];
  }
  return null;
}

function matchingClose(c: string, open: number): number {
  let depth = 0;
  for (let k = open; k < c.length; k++) {
    const ch = c[k];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') { if (--depth === 0) return k; }
  }
  return -1;
}

function quotedOrStar(inner: string): string {
  const s = inner.trim();
  const m = /^["'`]([^"'`]*)["'`]$/.exec(s);
  return m ? m[1]! : '*';
}
