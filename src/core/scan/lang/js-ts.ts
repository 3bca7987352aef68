// JavaScript and TypeScript, and the component formats that embed them (Vue, Svelte, Astro):
// template literals, regex literals, UI pickers; TypeScript's type-only positions hold no use.

import { statementEnd } from '../symbols.ts';
import { C_LIKE, defineLanguage, type LiteralPosition } from './types.ts';

const JS_LEX = { ...C_LIKE, backtick: 'template', singleQuoteIsChar: false, regexLiterals: true } as const;

export const js = defineLanguage({
  id: 'js',
  extensions: ['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx'],
  lex: JS_LEX,
  sdkVia: 'js-sdk',
  typeOnlyRanges,
  excludes: typePosition,
  pickers: true,
  jsx: true,
  configLoads: true,
  lineKeys: true,
});

export const vue = defineLanguage({
  id: 'vue',
  extensions: ['vue', 'svelte', 'astro'],
  lex: { ...JS_LEX, htmlComments: true },
  sdkVia: 'js-sdk',
  typeOnlyRanges,
  excludes: typePosition,
  pickers: true,
  jsx: true,
});

/** Type-only positions: `OutputType<"fal-ai/lora">`, unions in type aliases, `extends "…"`. */
function typePosition({ code, quote, head, prev, p, next, q }: LiteralPosition): boolean {
  if (prev === '<' || next === '>') return true;
  if ((prev === '|' && code[p - 1] !== '|') || (next === '|' && code[q + 1] !== '|')) return true;
  if (/^\s*(export\s+)?(declare\s+)?type\s/.test(head)) return true;
  return /\b(extends|keyof|typeof)\s*$/.test(code.slice(Math.max(0, quote - 20), quote));
}

const TYPE_DECL = /^[ \t]*(?:export[ \t]+)?(?:declare[ \t]+)?(type|interface)[ \t]+[A-Za-z_$][\w$]*/gm;
/** Most type declarations scanned per file; each scan is bounded, so the whole is linear. */
const MAX_TYPE_DECLS = 5000;

/**
 * Offset ranges [start, end) of TypeScript type alias right-hand sides and interface bodies,
 * sorted and disjoint. A literal inside one is a type, never a value (`"fal-ai/x": { input: … }`).
 */
function typeOnlyRanges(code: string): Array<[number, number]> {
  if (!code.includes('type') && !code.includes('interface')) return [];
  const out: Array<[number, number]> = [];
  TYPE_DECL.lastIndex = 0;
  let count = 0;
  for (let m = TYPE_DECL.exec(code); m && count < MAX_TYPE_DECLS; m = TYPE_DECL.exec(code)) {
    count++;
    const after = m.index + m[0].length;
    if (out.length > 0 && after < out[out.length - 1]![1]) continue;
    let k = after;
    const limit = Math.min(code.length, after + 400);
    // Generic parameters, `extends …`: up to the `=` (type) or the `{` (interface).
    if (m[1] === 'type') {
      while (k < limit && code[k] !== '=' && code[k] !== '\n' && code[k] !== ';') k++;
      if (code[k] !== '=' || code[k + 1] === '=') continue;
      const end = statementEnd(code, k + 1);
      out.push([k + 1, end + 1]);
      TYPE_DECL.lastIndex = Math.max(TYPE_DECL.lastIndex, end);
    } else {
      while (k < limit && code[k] !== '{' && code[k] !== ';') k++;
      if (code[k] !== '{') continue;
      const end = closingBrace(code, k);
      out.push([k, end + 1]);
      TYPE_DECL.lastIndex = Math.max(TYPE_DECL.lastIndex, end);
    }
  }
  return out;
}

function closingBrace(code: string, open: number): number {
  let depth = 0;
  const limit = Math.min(code.length, open + 200_000);
  for (let k = open; k < limit; k++) {
    const c = code[k];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return k;
  }
  return limit;
}
