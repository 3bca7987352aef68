import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A usage error: the CLI prints it on one line and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** node:util's parser, strict, with its errors turned into one-line usage errors. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, command: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
    throw new UsageError(`${msg} (see \`modelgate ${command} --help\`)`);
  }
}

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * `--format X [--output F]` pairs, in the order given: an `--output` belongs to the `--format`
 * just before it. A format without an output goes to standard output.
 */
export function formatOutputs<F extends string>(tokens: ReturnType<typeof parse>['tokens'], allowed: readonly F[], fallback: F): { format: F; output?: string }[] {
  const pairs: { format: F; output?: string }[] = [];
  for (const t of tokens ?? []) {
    if (t.kind !== 'option') continue;
    if (t.name === 'format') {
      const value = String(t.value);
      if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`unknown format '${value}'; expected one of ${allowed.join(', ')}`);
      pairs.push({ format: value as F });
    } else if (t.name === 'output') {
      const last = pairs.at(-1);
      if (!last) {
        pairs.push({ format: fallback, output: String(t.value) });
      } else if (last.output !== undefined) {
        throw new UsageError(`--output ${String(t.value)} follows another --output; give a --format before each --output`);
      } else last.output = String(t.value);
    }
  }
  if (pairs.length === 0) pairs.push({ format: fallback });
  return pairs;
}

/** Options every command that scans a project takes (check, report). */
export const PROJECT_OPTIONS = {
  config: { type: 'string' },
  catalog: { type: 'string' },
  format: { type: 'string', multiple: true },
  output: { type: 'string', multiple: true },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The one directory a project command scans (default `.`). */
export function projectDir(positionals: string[], command: string): string {
  if (positionals.length > 1) throw new UsageError(`${command} takes one directory, got ${positionals.length}: ${positionals.join(' ')}`);
  return positionals[0] ?? '.';
}
