/**
 * `modelgate catalog sync` (and `npm run sync`): syncs content/models/ with fal's Platform API
 * (GET /v1/models) and reports every label change. See docs/sync.md. Exit codes: 0 ok;
 * 1 --check found a label/status difference; 2 the sync failed (nothing was written).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_BASE_URL, renderChangelogMarkdown, runSync, streamLogger } from '../core/sync/index.ts';

export const SYNC_HELP = `Usage: modelgate catalog sync [options]   (in this repository: npm run sync -- [options])

Syncs content/models/ with fal's model API and prints a changelog of added, removed and
deprecated endpoints and every licence-label change (commercial → research/private first).

Options:
  --content <dir>      content root (default: content)
  --check              write nothing; exit 1 if any licence label or status differs from the API
  --dry-run            write nothing to content/; report what would change (exit 0)
  --base-url <url>     API base (default: $FAL_API_BASE or ${DEFAULT_BASE_URL})
  --changelog <file>   changelog path; writes <file>.md and <file>.json
                       (default: sync-changelog.md/.json; with --check/--dry-run only when given)
  --no-client-check    skip the @fal-ai/client endpoint-map check
  --help               this text

Environment:
  FAL_KEY        sent as "Authorization: Key <FAL_KEY>" (optional; higher rate limits)
  FAL_API_BASE   API base when --base-url is not given
`;

export async function syncCommand(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        content: { type: 'string', default: 'content' },
        check: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        'base-url': { type: 'string' },
        changelog: { type: 'string' },
        'no-client-check': { type: 'boolean', default: false },
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
  const writes = !values.check && !values['dry-run'];
  const result = await runSync({
    contentDir: values.content!,
    baseUrl: values['base-url'] ?? (env.FAL_API_BASE || DEFAULT_BASE_URL),
    apiKey: env.FAL_KEY || undefined,
    check: values.check,
    dryRun: values['dry-run'],
    log: streamLogger(process.stderr),
    ...(values['no-client-check'] ? { clientEndpointsFile: false as const } : {}),
    changelogFile: values.changelog ?? (writes ? 'sync-changelog.md' : undefined),
  });
  if (result.error) {
    console.error(`sync: ${result.error}`);
    return result.exitCode;
  }
  if (result.changelog) process.stdout.write(renderChangelogMarkdown(result.changelog));
  return result.exitCode;
}

