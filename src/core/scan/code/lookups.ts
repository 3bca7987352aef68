// Settings and config lookups by key string (`config('fal.banner_model')`,
// `environment.config.property("fal.portraitModel")`): the keys link.ts matches against the
// project's config values.

import type { Source } from './source.ts';

/** A settings/config lookup by key (`config('a.b')`, `config.property("a.b")`, `settings.get("a")`, `@Value`). */
export const CONFIG_LOOKUP = /\b(?:config|configuration|settings|getProperty|property|getString|getConfig|Value)\b[\w.]*\s*(?:<[^<>()]{0,80}>\s*)?\(/i;
/** A key string: `fal.banner_model`, `fal.portraitModel`, `FAL_MODEL`, `image-model`. */
const LOOKUP_KEY = /^[A-Za-z_][\w-]{0,63}(?:\.[A-Za-z_][\w-]{0,63}){0,7}$/;

/** The key strings among the first literals of a span that reads settings: each a call's first argument. */
export function lookupKeys(src: Source, span: number[]): string[] {
  const keys: string[] = [];
  for (const li of span.slice(0, 4)) {
    const l = src.literals[li]!;
    if (l.holes.length === 0 && LOOKUP_KEY.test(l.value) && firstArgument(src.code, l.quote)) keys.push(l.value);
  }
  return keys;
}

/** Whether the literal whose quote is at `quote` is a call's first argument (`config("a.b")`), not a subscript key. */
function firstArgument(code: string, quote: number): boolean {
  let k = quote - 1;
  while (k >= 0 && (code[k] === ' ' || code[k] === '\t' || code[k] === '\n' || code[k] === '\r') && quote - k < 200) k--;
  return code[k] === '(';
}
