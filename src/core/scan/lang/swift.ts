// Swift: `\(…)` interpolation, multi-line strings, SwiftUI pickers.

import { C_LIKE, defineLanguage } from './types.ts';

export const swift = defineLanguage({
  id: 'swift',
  extensions: ['swift'],
  lex: { ...C_LIKE, tripleQuotes: true, interpolation: 'swift' },
  sdkVia: 'swift-sdk',
  pickers: true,
});
