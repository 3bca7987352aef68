// The JVM languages: Kotlin (string templates, Compose pickers) and Java (text blocks).

import { C_LIKE, defineLanguage } from './types.ts';

export const kotlin = defineLanguage({
  id: 'kotlin',
  extensions: ['kt', 'kts'],
  lex: { ...C_LIKE, tripleQuotes: true, interpolation: 'dollar' },
  sdkVia: 'kotlin-sdk',
  pickers: true,
});

export const java = defineLanguage({
  id: 'java',
  extensions: ['java'],
  lex: { ...C_LIKE, tripleQuotes: true },
  sdkVia: 'java-sdk',
});
