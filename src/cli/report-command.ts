import { runCheck } from '../core/gate/check.ts';
import { buildLegalReport } from '../core/legal/report-model.ts';
import { renderReportCsv } from '../core/legal/render-csv.ts';
import { renderReportHtml } from '../core/legal/render-html.ts';
import { renderReportMarkdown } from '../core/legal/render-markdown.ts';
import { compareReports, readEarlierReport } from '../core/legal/since.ts';
import { formatProblem } from '../core/problem.ts';
import { formatOutputs, parse, PROJECT_OPTIONS, projectDir } from './args.ts';
import { emit } from './output.ts';
import type { Runtime } from './runtime.ts';

export const REPORT_HELP = `Usage: modelgate report [dir] [options]

The legal review packet: every fal model the project in [dir] calls, where, under which hosted
terms and weights licence, with which conditions and waivers. Same scanner, catalog, policy and
waivers as \`modelgate check\`.

Options:
  --format <fmt>        markdown | html | csv | json | cyclonedx (repeatable; default markdown)
  --output <file>       write the preceding --format to a file instead of standard output
  --since <report.json> add "what changed" against an earlier \`--format json\` report
  --config <file>       policy file (default: modelgate.config.json/.yaml/.yml in dir)
  --catalog <file|url>  compiled catalog, or a catalog site's /catalog.json (default: bundled)
  --include <glob>      scan only matching files (repeatable)
  --exclude <glob>      skip matching files (repeatable)
  -h, --help            this help

Exit codes: 0 the report was written (whatever it says); 2 usage or configuration error;
3 catalog missing, unreadable, invalid or too old.
`;

const REPORT_FORMATS = ['markdown', 'html', 'csv', 'json', 'cyclonedx'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

const OPTIONS = {
  ...PROJECT_OPTIONS,
  since: { type: 'string' },
} as const;

export async function reportCommand(args: string[], rt: Runtime): Promise<number> {
  const { values, positionals, tokens } = parse(args, OPTIONS, 'report');
  if (values.help) {
    process.stdout.write(REPORT_HELP);
    return 0;
  }
  const root = projectDir(positionals, 'report');
  const outputs = formatOutputs<ReportFormat>(tokens, REPORT_FORMATS, 'markdown');
  const fail = (code: 2 | 3, problems: Parameters<typeof formatProblem>[0][]) => {
    for (const p of problems) process.stderr.write(`modelgate: ${formatProblem(p)}\n`);
    return code;
  };
  const earlier = values.since ? await readEarlierReport(values.since) : undefined;
  if (earlier && !earlier.ok) return fail(2, [earlier.problem]);

  const now = rt.now();
  const run = await runCheck({
    root,
    ...(values.config ? { config: values.config } : {}),
    catalog: values.catalog ?? rt.bundledCatalog,
    include: values.include ?? [],
    exclude: values.exclude ?? [],
    outputs: outputs.flatMap((o) => (o.output && o.output !== '-' ? [o.output] : [])),
    now,
    version: rt.version,
    env: rt.env,
  });
  if (!run.ok) return fail(run.error.exitCode, run.error.problems);

  const report = buildLegalReport(run.value, now);
  if (earlier?.ok) report.changes = compareReports(earlier.value, report, now.toISOString().slice(0, 10), run.value.policy.waiverRules.warnWithinDays);
  for (const { format, output } of outputs) {
    let text: string;
    switch (format) {
      case 'markdown': text = renderReportMarkdown(report); break;
      case 'html': text = renderReportHtml(report); break;
      case 'csv': text = renderReportCsv(report); break;
      case 'json': text = `${JSON.stringify(report, null, 2)}\n`; break;
      case 'cyclonedx': {
        // Loaded only when asked for: the CycloneDX library is the CLI's largest dependency.
        const { renderCycloneDx } = await import('../core/legal/render-cyclonedx.ts');
        text = renderCycloneDx(report, (id) => run.value.catalog.license(id));
        break;
      }
    }
    await emit(text, output);
  }
  return 0;
}
