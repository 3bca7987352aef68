import { runCheck } from '../core/gate/check.ts';
import type { GateResult } from '../core/gate/types.ts';
import { formatProblem } from '../core/problem.ts';
import { renderGithubAnnotations } from '../core/reporters/github.ts';
import { renderJson } from '../core/reporters/json.ts';
import { renderJunit } from '../core/reporters/junit.ts';
import { renderMarkdown } from '../core/reporters/markdown.ts';
import { renderSarif } from '../core/reporters/sarif.ts';
import { renderText } from '../core/reporters/text.ts';
import { FORMATS, formatOutputs, parse, PROJECT_OPTIONS, projectDir, type Format } from './args.ts';
import { appendSummary, emit, useColor, withoutWorkflowCommands } from './output.ts';
import { stagedFiles } from './staged.ts';
import type { Runtime } from './runtime.ts';

export const CHECK_HELP = `Usage: modelgate check [dir] [options]

Finds every fal endpoint the project in [dir] (default .) calls, looks each up in the catalog,
applies the project's policy and fails on any forbidden use.

Options:
  --config <file>       policy file (default: modelgate.config.json/.yaml/.yml in dir)
  --catalog <file|url>  compiled catalog, or a catalog site's /catalog.json (default: bundled)
  --format <fmt>        text | json | sarif | junit | markdown | github (repeatable)
  --output <file>       write the preceding --format to a file instead of standard output
  --baseline <file>     a JSON report of an earlier run: only findings not in it fail
  --repository <name>   the repository's name in the JSON report (default: the CI's variable,
                        e.g. GITHUB_REPOSITORY, else git's origin remote, else the folder name)
  --include <glob>      scan only matching files (repeatable)
  --exclude <glob>      skip matching files (repeatable), on top of .gitignore
  --staged              scan only files staged in git (for pre-commit hooks)
  --no-color            plain text (NO_COLOR is honoured too)
  --quiet               show only failing findings and errors
  -h, --help            this help
  -v, --version         print the version

Exit codes:
  0  no forbidden use
  1  policy violation (a denied or review finding that no live waiver or baseline covers,
     including one whose waiver expired), or a file the scanner could not analyse
  2  usage or configuration error (unknown flag, invalid config or waiver file, unreadable dir)
  3  catalog missing, unreadable, invalid, or older than the policy's catalog.maxAgeDays

Under GitHub Actions (GITHUB_ACTIONS=true) it also prints ::error/::warning annotations and
appends a Markdown table to $GITHUB_STEP_SUMMARY.
`;

const OPTIONS = {
  ...PROJECT_OPTIONS,
  baseline: { type: 'string' },
  repository: { type: 'string' },
  staged: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

export async function checkCommand(args: string[], rt: Runtime): Promise<number> {
  const { values, positionals, tokens } = parse(args, OPTIONS, 'check');
  if (values.help) {
    process.stdout.write(CHECK_HELP);
    return 0;
  }
  const dir = projectDir(positionals, 'check');
  const outputs = formatOutputs<Format>(tokens, FORMATS, 'text');
  const run = await runCheck({
    root: dir,
    ...(values.config ? { config: values.config } : {}),
    catalog: values.catalog ?? rt.bundledCatalog,
    ...(values.baseline ? { baseline: values.baseline } : {}),
    include: values.include ?? [],
    exclude: values.exclude ?? [],
    ...(values.staged ? { files: await stagedFiles(dir) } : {}),
    outputs: outputs.flatMap((o) => (o.output && o.output !== '-' ? [o.output] : [])),
    now: rt.now(),
    version: rt.version,
    ...threadsFrom(rt.env),
    ...(values.repository ? { repository: values.repository } : {}),
    env: rt.env,
  });
  if (!run.ok) {
    for (const p of run.error.problems) process.stderr.write(`modelgate: ${formatProblem(p)}\n`);
    return run.error.exitCode;
  }
  const result = run.value.result;
  const color = useColor(values['no-color'] ? false : values.color);
  const underActions = rt.env.GITHUB_ACTIONS === 'true';
  for (const { format, output } of outputs) {
    const text = render(format, result, { color: output === undefined && color, quiet: values.quiet ?? false }, rt.now());
    // Reports quote file names and code from the scanned repository: in a GitHub Actions log a
    // line of theirs must not run as a workflow command (only the escaped annotations may).
    await emit(underActions && output === undefined && format !== 'github' ? withoutWorkflowCommands(text) : text, output);
  }
  if (underActions) {
    if (!outputs.some((o) => o.format === 'github' && o.output === undefined)) process.stdout.write(renderGithubAnnotations(result));
    if (rt.env.GITHUB_STEP_SUMMARY) await appendSummary(rt.env.GITHUB_STEP_SUMMARY, renderMarkdown(result));
  }
  return result.exitCode;
}

function render(format: Format, result: GateResult, opts: { color: boolean; quiet: boolean }, now: Date): string {
  switch (format) {
    case 'text': return renderText(result, opts);
    case 'json': return renderJson(result, now);
    case 'sarif': return renderSarif(result);
    case 'junit': return renderJunit(result);
    case 'markdown': return renderMarkdown(result);
    case 'github': return renderGithubAnnotations(result);
  }
}

/** MODELGATE_THREADS=N caps the scanner's threads (1: no worker threads), e.g. on a shared CI runner. */
export function threadsFrom(env: NodeJS.ProcessEnv): { threads?: number } {
  const n = Number(env.MODELGATE_THREADS);
  return Number.isInteger(n) && n >= 1 ? { threads: n } : {};
}
