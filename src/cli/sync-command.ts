/**
 * `modelgate catalog sync` (and `npm run sync`): syncs content/models/ with fal's Platform API
 * (GET /v1/models) and reports every label change. See docs/sync.md. Exit codes: 0 ok;
 * 1 --check found a label/status/Partner difference, or the removal guard stopped the sync;
 * 2 the sync failed or bad usage (nothing was written).
 *
 * `--inventory <file>` (an organisation's `modelgate inventory --format json`) adds who is
 * affected: every label and status change with the repositories calling the endpoint, a call
 * site each, in the changelog (Markdown and JSON), with --check, --dry-run or a real sync. With
 * it, --check exits 1 exactly when an endpoint some repository in the inventory calls became
 * stricter (a label towards research-only, or a status towards removed), and 0 otherwise, even
 * when other entries changed (the changelog still lists them). The file is read and validated
 * before any request: a bad one is exit 2 with one line (file, line, field), and nothing is done.
 */
import { parseArgs } from 'node:util';
import { readInventoryFile } from '../core/inventory/load.ts';
import { formatProblem } from '../core/problem.ts';
import { DEFAULT_BASE_URL, DEFAULT_PAGES_BASE_URL, renderChangelogMarkdown, runSync, streamLogger } from '../core/sync/index.ts';

export const SYNC_HELP = `Usage: modelgate catalog sync [options]   (in this repository: npm run sync -- [options])

Syncs content/models/ with fal's model API: records what fal says as observations (appended,
never rewritten) and prints a changelog of added, removed and deprecated endpoints and every
change of an effective licence label (commercial → research/private first) or Partner flag.

Options:
  --content <dir>         content root (default: content)
  --check                 write nothing; exit 1 if any label, status or Partner flag differs
                          (with --inventory: only if an endpoint in use became stricter)
  --dry-run               write nothing to content/; report what would change (exit 0)
  --accept-removals       proceed even if the listing would mark more than 5% of the catalog removed
  --partner-pages         also read the Partner flag from each listed endpoint's model page
  --pages-base-url <url>  model pages base for --partner-pages (default: ${DEFAULT_PAGES_BASE_URL})
  --no-prices             do not read prices, even with FAL_KEY set
  --base-url <url>        API base (default: $FAL_API_BASE or ${DEFAULT_BASE_URL})
  --changelog <file>      changelog path; writes <file>.md and <file>.json
                          (default: sync-changelog.md/.json; with --check/--dry-run only when given)
  --no-client-check       skip the @fal-ai/client endpoint-map check
  --inventory <file>      an inventory (modelgate inventory --format json): for every label or
                          status change, name the repositories calling the endpoint, a call site
                          each ("Who is affected" in the changelog, \`impact\` in its JSON); works
                          with --check, --dry-run and a real sync
  --help                  this text

Environment:
  FAL_KEY        sent as "Authorization: Key <FAL_KEY>" to the API (optional for the listing;
                 higher rate limits; with it, prices are read from GET /v1/models/pricing)
  FAL_API_BASE   API base when --base-url is not given

Exit codes: 0 ok; 1 --check found a difference, or the removal guard stopped the sync;
2 the sync failed or bad usage. Whenever it does not finish, nothing is written.
With --inventory, --check exits 1 only when an endpoint that a repository in the inventory
calls became stricter (label commercial → unknown → private → research-only, or status
active → deprecated → removed), and 0 otherwise, even when other entries changed (the
changelog lists them all). A bad inventory file is exit 2 before any request, nothing done.
`;

/** An http(s) URL, or a one-line reason it is not one. */
function checkUrl(option: string, value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${option}: not a URL: ${JSON.stringify(value)}`;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : `${option}: not an http(s) URL: ${JSON.stringify(value)}`;
}

export async function syncCommand(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        content: { type: 'string', default: 'content' },
        check: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        'accept-removals': { type: 'boolean', default: false },
        'partner-pages': { type: 'boolean', default: false },
        'pages-base-url': { type: 'string' },
        'no-prices': { type: 'boolean', default: false },
        'base-url': { type: 'string' },
        changelog: { type: 'string' },
        'no-client-check': { type: 'boolean', default: false },
        inventory: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`sync: ${(e as Error).message}\n\n${SYNC_HELP}`);
    return 2;
  }
  if (values.help) {
    console.log(SYNC_HELP);
    return 0;
  }
  const baseUrl = values['base-url'] ?? (env.FAL_API_BASE || DEFAULT_BASE_URL);
  const usage = [
    values['pages-base-url'] !== undefined && !values['partner-pages'] ? '--pages-base-url needs --partner-pages' : undefined,
    checkUrl(values['base-url'] !== undefined ? '--base-url' : 'FAL_API_BASE', baseUrl),
    values['pages-base-url'] !== undefined ? checkUrl('--pages-base-url', values['pages-base-url']) : undefined,
  ].find((m) => m !== undefined);
  if (usage) {
    console.error(`sync: ${usage}`);
    return 2;
  }
  // Read before any request: a bad inventory stops the run before it has done anything.
  const inventoryFile = values.inventory;
  const inventory = inventoryFile !== undefined ? await readInventoryFile(inventoryFile) : undefined;
  if (inventory && !inventory.ok) {
    console.error(`sync: --inventory: ${formatProblem(inventory.problem)}`);
    return 2;
  }
  const writes = !values.check && !values['dry-run'];
  const result = await runSync({
    contentDir: values.content!,
    baseUrl,
    apiKey: env.FAL_KEY || undefined,
    check: values.check,
    dryRun: values['dry-run'],
    acceptRemovals: values['accept-removals'],
    ...(values['no-prices'] ? { prices: false } : {}),
    ...(values['partner-pages'] ? { pagesBaseUrl: values['pages-base-url'] ?? DEFAULT_PAGES_BASE_URL } : {}),
    log: streamLogger(process.stderr),
    ...(values['no-client-check'] ? { clientEndpointsFile: false as const } : {}),
    changelogFile: values.changelog ?? (writes ? 'sync-changelog.md' : undefined),
    ...(inventory?.ok ? { inventory: { file: inventoryFile!, value: inventory.value } } : {}),
  });
  if (result.error) {
    console.error(`sync: ${result.error}`);
    return result.exitCode;
  }
  if (result.changelog) process.stdout.write(renderChangelogMarkdown(result.changelog));
  return result.exitCode;
}

