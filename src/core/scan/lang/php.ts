// PHP: `#` and `//` comments, `$name` in double quotes, `.` joins strings, config arrays
// (`'banner_model' => env(…)`), the Laravel facade `FalAi::model(…)`.

import { C_LIKE, defineLanguage } from './types.ts';

export const php = defineLanguage({
  id: 'php',
  extensions: ['php'],
  lex: { ...C_LIKE, hashComments: true, singleQuoteIsChar: false, interpolation: 'dollar' },
  sdkVia: 'php-sdk',
  modelMethods: ['model'],
  dotJoinsStrings: true,
  configLoads: true,
  lineKeys: true,
});
