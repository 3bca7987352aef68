// Dart (Flutter): `$name`/`${…}` in either quote, multi-line strings, widget pickers.

import { C_LIKE, defineLanguage } from './types.ts';

export const dart = defineLanguage({
  id: 'dart',
  extensions: ['dart'],
  lex: { ...C_LIKE, tripleQuotes: true, singleQuoteIsChar: false, interpolation: 'dollar' },
  sdkVia: 'dart-sdk',
  pickers: true,
});
