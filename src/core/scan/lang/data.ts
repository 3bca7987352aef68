// Data formats read with the code lexer: JSON and TOML. Every id literal in them is a config
// value that code may load, known by its nearest key; no SDK is called from them.

import { C_LIKE, defineLanguage, type LiteralPosition } from './types.ts';

export const json = defineLanguage({
  id: 'json',
  extensions: ['json', 'jsonc', 'json5'],
  lex: { ...C_LIKE, singleQuoteIsChar: false },
  sdkVia: 'sdk',
  data: { via: 'json' },
});

export const toml = defineLanguage({
  id: 'toml',
  extensions: ['toml'],
  lex: { ...C_LIKE, slashComments: false, hashComments: true, tripleQuotes: true, singleQuoteIsChar: false },
  sdkVia: 'sdk',
  data: { via: 'toml', keyAt: tomlKey },
  excludes: quotedKey,
});

/** The key of a TOML `key = "value"` line. */
function tomlKey(code: string, quote: number): string | null {
  const lineStart = code.lastIndexOf('\n', quote) + 1;
  const m = /^\s*([A-Za-z0-9_-]+)\s*=\s*$/.exec(code.slice(lineStart, quote));
  return m ? m[1]! : null;
}

/** A quoted TOML key: `"fal-ai/x" = …`. */
function quotedKey({ code, next, q }: LiteralPosition): boolean {
  return next === '=' && code[q + 1] !== '=';
}
