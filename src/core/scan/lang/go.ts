// Go: backtick raw strings.

import { C_LIKE, defineLanguage } from './types.ts';

export const go = defineLanguage({
  id: 'go',
  extensions: ['go'],
  lex: { ...C_LIKE, backtick: 'raw' },
  sdkVia: 'go-sdk',
  configLoads: true,
});
