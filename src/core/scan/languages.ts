// Which files can hold fal calls, and which reader takes each: a code language (lang/*.ts,
// through the code pipeline), a line-based format (config.ts, some through a shell shadow in
// formats/), or a notebook (scan-notebook.ts).
// Markdown and other prose are left out on purpose: docs text about a model
// is not a call (fal-call-patterns.md, look-alikes).

import { CODE_LANGUAGES, type CodeLang } from './lang/index.ts';

/** The formats config.ts reads line by line. */
export type ConfigLang = 'yaml' | 'env' | 'ini' | 'shell';
/** Languages read line by line (config.ts), directly or as a shell shadow of the file (formats/). */
export type LineLang = ConfigLang | 'dockerfile' | 'http';
/** Every kind of file read: a code language, a line-read format, or a Jupyter notebook (its cells are code: formats/notebook.ts). */
export type Lang = CodeLang | LineLang | 'notebook';

const OTHER_EXTENSIONS: Record<string, LineLang | 'notebook'> = {
  sh: 'shell', bash: 'shell', zsh: 'shell',
  http: 'http', rest: 'http',
  ipynb: 'notebook',
  dockerfile: 'dockerfile', containerfile: 'dockerfile',
  yaml: 'yaml', yml: 'yaml', ini: 'ini', cfg: 'ini', properties: 'ini', conf: 'ini',
};

// A Map, not an object: an extension such as `.constructor` must not find Object's own properties.
const BY_EXTENSION = new Map<string, Lang>(Object.entries(OTHER_EXTENSIONS));
for (const language of CODE_LANGUAGES) for (const ext of language.extensions) BY_EXTENSION.set(ext, language.id);

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
  return BY_EXTENSION.get(name.slice(dot + 1).toLowerCase()) ?? null;
}

/** A vendored copy of @fal-ai/client's endpoint type map is a list of every id, not usage. */
export function isGeneratedEndpointMap(relPath: string, text: string): boolean {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  return (name === 'endpoints.ts' || name === 'endpoints.d.ts') && text.includes('EndpointTypeMap');
}
