import { loadCatalogSource } from '../core/gate/catalog-source.ts';
import { buildInventory } from '../core/inventory/build.ts';
import { FAIL_ON, type FailOnCategory } from '../core/inventory/fail-on.ts';
import { breaking, changesAgainstCatalog, impactLine, impactOf } from '../core/inventory/impact.ts';
import { readReports } from '../core/inventory/read.ts';
import { renderInventoryCsv } from '../core/inventory/render-csv.ts';
import { inventoryJson } from '../core/inventory/render-json.ts';
import { renderInventoryHtml } from '../core/inventory/render-html.ts';
import { renderInventoryMarkdown } from '../core/inventory/render-markdown.ts';
import { formatProblem, type Problem } from '../core/problem.ts';
import type { Inventory } from '../core/schema/inventory.ts';
import { formatOutputs, parse, UsageError } from './args.ts';
import { emit } from './output.ts';
import type { Runtime } from './runtime.ts';

export const INVENTORY_HELP = `Usage: modelgate inventory <report.json | dir>... [options]

Merges the JSON check reports of many repositories (\`modelgate check --format json\`, e.g. the
CI artifacts of every repository) into one inventory of the fal models the organisation uses:
per model the repositories calling it, per repository its models, and organisation-wide the
research-only, private and unknown use, dynamic ids, expiring waivers and Partner API use.
A directory is read for every *.json below it. For each repository the newest report wins.

Options:
  --format <fmt>            markdown | json | html | csv (repeatable; default markdown)
  --output <file>           write the preceding --format to a file instead of standard output
  --fail-on <list>          exit 1 when any of these is found (comma-separated, repeatable):
                            ${FAIL_ON.join(', ')}
  --expiring-within <days>  a waiver ending within this many days is expiring (default 30)
  --catalog <file|url>      a newer compiled catalog: list what it changes for the endpoints in
                            use, with the repositories calling each; exit 1 if one became stricter
  -h, --help                this help

Exit codes: 0 the inventory was written and nothing asked for failed; 1 a --fail-on category was
found, or --catalog made an endpoint in use stricter; 2 usage error or a file that is not a valid
report (nothing is written); 3 the --catalog is missing, unreadable or invalid.
`;

const FORMATS = ['markdown', 'json', 'html', 'csv'] as const;
type InventoryFormat = (typeof FORMATS)[number];

const OPTIONS = {
  format: { type: 'string', multiple: true },
  output: { type: 'string', multiple: true },
  'fail-on': { type: 'string', multiple: true },
  'expiring-within': { type: 'string' },
  catalog: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function failOnList(values: readonly string[] | undefined): FailOnCategory[] {
  const out: FailOnCategory[] = [];
  for (const item of (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)) {
    if (!(FAIL_ON as readonly string[]).includes(item)) throw new UsageError(`--fail-on: unknown category '${item}'; expected ${FAIL_ON.join(', ')}`);
    if (!out.includes(item as FailOnCategory)) out.push(item as FailOnCategory);
  }
  return out;
}

function days(value: string | undefined): number {
  if (value === undefined) return 30;
  if (!/^\d+$/.test(value)) throw new UsageError(`--expiring-within: expected a whole number of days, got '${value}'`);
  return Number(value);
}

export function renderInventory(inv: Inventory, format: InventoryFormat): string | Iterable<string> {
  switch (format) {
    case 'markdown': return renderInventoryMarkdown(inv);
    case 'json': return inventoryJson(inv);
    case 'html': return renderInventoryHtml(inv);
    case 'csv': return renderInventoryCsv(inv);
  }
}

export async function inventoryCommand(args: string[], rt: Runtime): Promise<number> {
  const { values, positionals, tokens } = parse(args, OPTIONS, 'inventory');
  if (values.help) {
    process.stdout.write(INVENTORY_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('inventory needs at least one report file or directory (see `modelgate inventory --help`)');
  const outputs = formatOutputs<InventoryFormat>(tokens, FORMATS, 'markdown');
  const failOn = failOnList(values['fail-on']);
  const expiringWithinDays = days(values['expiring-within']);
  const fail = (code: 2 | 3, problems: readonly Problem[]) => {
    for (const p of problems) process.stderr.write(`modelgate: ${formatProblem(p)}\n`);
    return code;
  };
  const now = rt.now();
  const newer = values.catalog ? await loadCatalogSource(values.catalog, { now }) : undefined;
  if (newer && !newer.ok) return fail(3, [newer.problem]);

  const read = await readReports(positionals);
  if (!read.ok) return fail(2, read.problems);
  const inv = buildInventory(read.value, { now, version: rt.version, expiringWithinDays, failOn });
  let broken: ReturnType<typeof breaking> = [];
  if (newer?.ok) {
    const changes = impactOf(inv, changesAgainstCatalog(inv, newer.value.catalog), newer.value.catalog);
    inv.catalogChange = { against: { source: newer.value.source, generatedAt: newer.value.meta.generatedAt, contentHash: newer.value.meta.contentHash }, changes };
    broken = breaking(changes);
  }

  // Every format but JSON (written in pieces, see render-json.ts) is rendered before anything is
  // written; each file is written atomically.
  const rendered = outputs.map((o) => ({ ...o, text: renderInventory(inv, o.format) }));
  for (const { text, output } of rendered) await emit(text, output);
  for (const t of inv.failOn.tripped) process.stderr.write(`modelgate: --fail-on ${t.category}: ${t.message}\n`);
  for (const i of broken) process.stderr.write(`modelgate: stricter in ${inv.catalogChange!.against.source}: ${impactLine(i)}\n`);
  return inv.failOn.tripped.length > 0 || broken.length > 0 ? 1 : 0;
}
