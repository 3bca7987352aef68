import { explainEndpoint } from '../core/explain/explain.ts';
import { renderExplanation } from '../core/explain/render.ts';
import { loadCatalogSource } from '../core/gate/catalog-source.ts';
import { loadPolicy } from '../core/gate/config.ts';
import { formatProblem } from '../core/problem.ts';
import { ENDPOINT_ID_PATTERN } from '../core/schema/common.ts';
import { UsageContext } from '../core/schema/policy.ts';
import { parse, UsageError } from './args.ts';
import type { Runtime } from './runtime.ts';

export const EXPLAIN_HELP = `Usage: modelgate explain <endpoint id> [options]

Answers "can we use this?" for one fal endpoint id: how it resolves in the catalog (alias,
longest prefix), fal's hosted label with every observation and its source, the Partner flag,
status and successor, the weights licence and its conditions, family evidence for an unknown
label, and the verdict under the project's policy.

Options:
  --config <file>       policy file (default: modelgate.config.json/.yaml/.yml in the current dir)
  --catalog <file|url>  compiled catalog, or a catalog site's /catalog.json (default: bundled)
  --usage <context>     source | test | example | docs (default: source)
  --format <fmt>        text | json (default: text)
  -h, --help            this help

Exit codes: 0 allowed (or waived for the whole project), 1 denied or needs review,
2 usage or configuration error, 3 catalog error.
`;

const OPTIONS = {
  config: { type: 'string' },
  catalog: { type: 'string' },
  usage: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function explainCommand(args: string[], rt: Runtime): Promise<number> {
  const { values, positionals } = parse(args, OPTIONS, 'explain');
  if (values.help) {
    process.stdout.write(EXPLAIN_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`explain takes one endpoint id, got ${positionals.length} (see \`modelgate explain --help\`)`);
  const id = positionals[0]!.trim().replace(/^https?:\/\/(?:queue\.)?fal\.(?:run|ai)\/(?:models\/)?/, '');
  if (!ENDPOINT_ID_PATTERN.test(id.split(/[?#]/)[0]!)) throw new UsageError(`'${positionals[0]}' is not an endpoint id like owner/alias[/path]`);
  const usage = UsageContext.safeParse(values.usage ?? 'source');
  if (!usage.success) throw new UsageError(`unknown --usage '${values.usage}'; expected one of ${UsageContext.options.join(', ')}`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format '${format}'; expected text or json`);

  const policy = await loadPolicy(process.cwd(), values.config);
  if (!policy.ok) {
    for (const p of policy.problems) process.stderr.write(`modelgate: ${formatProblem(p)}\n`);
    return 2;
  }
  const now = rt.now();
  const loaded = await loadCatalogSource(values.catalog ?? rt.bundledCatalog, {
    now, ...(policy.value.policy.catalog.maxAgeDays ? { maxAgeDays: policy.value.policy.catalog.maxAgeDays } : {}),
  });
  if (!loaded.ok) {
    process.stderr.write(`modelgate: ${formatProblem(loaded.problem)}\n`);
    return 3;
  }
  let e;
  try {
    e = explainEndpoint(loaded.value.catalog, policy.value.policy, policy.value.waivers, id, { usage: usage.data, today: now.toISOString().slice(0, 10) });
  } catch (err) {
    // An invalid catalog entry is found when it is first handed out: a catalog error.
    const problems = (err as { problems?: Parameters<typeof formatProblem>[0][] }).problems;
    if (!problems) throw err;
    for (const p of problems) process.stderr.write(`modelgate: ${formatProblem(p)}\n`);
    return 3;
  }
  process.stdout.write(format === 'json' ? `${JSON.stringify({ formatVersion: 1, kind: 'modelgate-explain', ...e }, null, 2)}\n` : renderExplanation(e));
  return e.exitCode;
}
