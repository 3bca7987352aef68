// Ruby: `#` comments, `#{…}` in double quotes, `=begin`/`=end` block comments.

import { C_LIKE, defineLanguage } from './types.ts';

export const ruby = defineLanguage({
  id: 'ruby',
  extensions: ['rb'],
  lex: { ...C_LIKE, slashComments: false, hashComments: true, singleQuoteIsChar: false, interpolation: 'ruby', beginEndComments: true },
  sdkVia: 'ruby-sdk',
  configLoads: true,
});
