// Python: `#` comments, triple quotes, f-strings; methods take `self`/`cls` first.

import { C_LIKE, defineLanguage } from './types.ts';

export const python = defineLanguage({
  id: 'python',
  extensions: ['py', 'pyi'],
  lex: { ...C_LIKE, slashComments: false, hashComments: true, tripleQuotes: true, singleQuoteIsChar: false, interpolation: 'python-f' },
  sdkVia: 'py-sdk',
  implicitParams: ['self', 'cls'],
  configLoads: true,
});
