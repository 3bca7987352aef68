// Rust: fal-rs names the endpoint in an attribute, `#[endpoint(endpoint = "fal-ai/flux/dev")]`.

import { C_LIKE, defineLanguage } from './types.ts';

export const rust = defineLanguage({
  id: 'rust',
  extensions: ['rs'],
  lex: { ...C_LIKE },
  sdkVia: 'rust-sdk',
  bareCallees: ['endpoint'],
});
