/**
 * A problem with some input (a content file, a config, a catalog): a value, not an exception,
 * so that a loader can report every bad file at once and the edge decides the exit code.
 */
export interface Problem {
  code: ProblemCode;
  file?: string;
  line?: number;
  column?: number;
  /** Dotted path of the offending field, e.g. `hosted.license` or `waivers[2].expires`. */
  field?: string;
  message: string;
}

export type ProblemCode =
  | 'yaml'
  | 'front-matter'
  | 'schema'
  | 'id-path-mismatch'
  | 'duplicate-id'
  | 'duplicate-alias'
  | 'unknown-license'
  | 'read'
  | 'json'
  | 'catalog'
  | 'config';

/** One line: `file:line:column: field: message` — the shape editors and CI logs turn into links. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line, p.line !== undefined ? p.column : undefined].filter((x) => x !== undefined).join(':');
  const field = p.field ? `${p.field}: ` : '';
  return `${where ? `${where}: ` : ''}${field}${oneLine(p.message)}`;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

/** Thrown only across boundaries that cannot return values (Astro's build, top-level scripts). */
export class ProblemError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ProblemError';
    this.problems = problems;
  }
}

/** `["hosted","license"]` → `hosted.license`; numeric segments become `[n]`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}
