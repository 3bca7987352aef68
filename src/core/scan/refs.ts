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

const CHAIN_RE = /^\$?[A-Za-z_][A-Za-z0-9_$]*(?:(?:\.|\?\.|->|::)\$?[A-Za-z_][A-Za-z0-9_$]*)*$/;

/**
 * A pure name expression (`MODEL`, `config.IMAGE_MODEL`, `MODELS["fast"]`, `MODELS[tier]`,
 * `MODELS.get("fast")`) as a NameRef; null for anything else (calls, arithmetic, literals).
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
  let index: string | null = null;
  const br = c.indexOf('[');
  const get = c.indexOf('.get(');
  let head = c;
  if (br > 0 && c.endsWith(']')) {
    head = c.slice(0, br);
    index = quotedOrStar(t.slice(br + 1, -1));
  } else if (get > 0 && c.endsWith(')')) {
    head = c.slice(0, get);
    index = quotedOrStar(t.slice(get + 5, -1).split(',')[0] ?? '');
  }
  if (!CHAIN_RE.test(head)) return null;
  const chain = head.replace(/->|::|\?\./g, '.').split('.').map((s) => s.replace(/^\$/, '')).filter((s) => s !== '');
  while (chain.length > 1 && (chain[0] === 'this' || chain[0] === 'self')) chain.shift();
  if (chain.length === 0) return null;
  if (['null', 'None', 'nil', 'undefined', 'true', 'false', 'True', 'False'].includes(chain[0]!)) return null;
  return { chain, index };
}

function quotedOrStar(inner: string): string {
  const s = inner.trim();
  const m = /^["'`]([^"'`]*)["'`]$/.exec(s);
  return m ? m[1]! : '*';
}
