// C#: `$"…{x}…"` interpolation, `@"…"` verbatim strings.

import { C_LIKE, defineLanguage } from './types.ts';

export const csharp = defineLanguage({
  id: 'csharp',
  extensions: ['cs'],
  lex: { ...C_LIKE, interpolation: 'csharp' },
  sdkVia: 'csharp-sdk',
});
