// Which files can hold fal calls, and how to read each kind.
// Markdown and other prose are left out on purpose: docs text about a model
// is not a call (fal-call-patterns.md, look-alikes).

import type { LexSpec } from './literals.ts';

export type Lang =
  | 'js' | 'vue' | 'python' | 'go' | 'kotlin' | 'java' | 'swift' | 'dart' | 'php' | 'ruby' | 'rust' | 'csharp'
  | 'json' | 'toml' | 'yaml' | 'env' | 'ini' | 'shell'
  | 'dockerfile' | 'http' | 'notebook';

const C_LIKE: LexSpec = {
  slashComments: true, hashComments: false, htmlComments: false, backtick: 'none', tripleQuotes: false,
  singleQuoteIsChar: true, interpolation: 'none', regexLiterals: false,
};

/** Languages read line by line (config.ts), directly or as a shell shadow of the file (formats/). */
export type LineLang = 'yaml' | 'env' | 'ini' | 'shell' | 'dockerfile' | 'http';

export const LEX_SPECS: Record<Exclude<Lang, LineLang | 'notebook'>, LexSpec> = {
  js: { ...C_LIKE, backtick: 'template', singleQuoteIsChar: false, regexLiterals: true },
  vue: { ...C_LIKE, backtick: 'template', singleQuoteIsChar: false, regexLiterals: true, htmlComments: true },
  python: { ...C_LIKE, slashComments: false, hashComments: true, tripleQuotes: true, singleQuoteIsChar: false, interpolation: 'python-f' },
  go: { ...C_LIKE, backtick: 'raw' },
  kotlin: { ...C_LIKE, tripleQuotes: true, interpolation: 'dollar' },
  java: { ...C_LIKE, tripleQuotes: true },
  swift: { ...C_LIKE, tripleQuotes: true, interpolation: 'swift' },
  dart: { ...C_LIKE, tripleQuotes: true, singleQuoteIsChar: false, interpolation: 'dollar' },
  php: { ...C_LIKE, hashComments: true, singleQuoteIsChar: false, interpolation: 'dollar' },
  ruby: { ...C_LIKE, slashComments: false, hashComments: true, singleQuoteIsChar: false, interpolation: 'ruby', beginEndComments: true },
  rust: { ...C_LIKE },
  csharp: { ...C_LIKE, interpolation: 'csharp' },
  json: { ...C_LIKE, singleQuoteIsChar: false },
  toml: { ...C_LIKE, slashComments: false, hashComments: true, tripleQuotes: true, singleQuoteIsChar: false },
};

const BY_EXTENSION: Record<string, Lang> = {
  js: 'js', mjs: 'js', cjs: 'js', jsx: 'js', ts: 'js', mts: 'js', cts: 'js', tsx: 'js',
  vue: 'vue', svelte: 'vue', astro: 'vue',
  py: 'python', pyi: 'python',
  go: 'go', kt: 'kotlin', kts: 'kotlin', java: 'java', swift: 'swift', dart: 'dart', php: 'php',
  rb: 'ruby', rs: 'rust', cs: 'csharp',
  sh: 'shell', bash: 'shell', zsh: 'shell',
  http: 'http', rest: 'http',
  ipynb: 'notebook',
  dockerfile: 'dockerfile', containerfile: 'dockerfile',
  json: 'json', jsonc: 'json', json5: 'json',
  yaml: 'yaml', yml: 'yaml', toml: 'toml', ini: 'ini', cfg: 'ini', properties: 'ini', conf: 'ini',
};

/** Lockfiles are huge, list packages not calls, and never hold an endpoint id. */
const SKIPPED_NAMES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'composer.lock',
  'Gemfile.lock', 'Cargo.lock', 'poetry.lock', 'uv.lock', 'go.sum', 'Pipfile.lock',
]);

/** The language of a path, or null when the file cannot hold a call. */
export function languageOf(relPath: string): Lang | null {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  if (SKIPPED_NAMES.has(name)) return null;
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'env';
  // Generated declaration files list every endpoint id as a type: never calls.
  if (name.endsWith('.d.ts') || name.endsWith('.d.mts') || name.endsWith('.d.cts')) return null;
  // Makefiles: variables and recipe lines read like a shell script (`MODEL ?= fal-ai/…`, `curl …/$(MODEL)`).
  if (name === 'Makefile' || name === 'GNUmakefile' || name === 'makefile' || name.endsWith('.mk')) return 'shell';
  // Justfiles, direnv and Procfiles are shell lines too.
  if (name === 'Justfile' || name === 'justfile' || name === '.envrc' || name === 'Procfile') return 'shell';
  // `Dockerfile`, `Dockerfile.prod`, `Containerfile` (also `app.dockerfile`, by extension below).
  if (/^(?:Docker|Container)file(?:\.[^/]*)?$/i.test(name)) return 'dockerfile';
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? null;
}

/** A vendored copy of @fal-ai/client's endpoint type map is a list of every id, not usage. */
export function isGeneratedEndpointMap(relPath: string, text: string): boolean {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  return (name === 'endpoints.ts' || name === 'endpoints.d.ts') && text.includes('EndpointTypeMap');
}
