import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from './args.ts';
import { checkCommand } from './check-command.ts';
import type { Runtime } from './runtime.ts';

const HELP = `Usage: modelgate <command> [options]

Commands:
  check [dir]     fail CI when the project calls a fal model it may not use
  report [dir]    the legal review packet (markdown, html, csv, json, cyclonedx)
  explain <id>    can we use this endpoint? its facts, sources and verdict
  inventory <report.json|dir>...
                  merge many repositories' JSON reports into the organisation's model inventory
  catalog sync    update content/ from fal's model API (also: \`modelgate sync\`)

Run \`modelgate <command> --help\` for its options. Exit codes: 0 ok, 1 policy violation,
2 usage or configuration error, 3 catalog error.
`;

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export async function main(argv: string[], rt: Runtime): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return checkCommand(rest, rt);
    case 'report': {
      const { reportCommand } = await import('./report-command.ts');
      return reportCommand(rest, rt);
    }
    case 'explain': {
      const { explainCommand } = await import('./explain-command.ts');
      return explainCommand(rest, rt);
    }
    case 'inventory': {
      const { inventoryCommand } = await import('./inventory-command.ts');
      return inventoryCommand(rest, rt);
    }
    case 'sync': {
      // Short for `catalog sync`, the form people write.
      const { syncCommand } = await import('./sync-command.ts');
      return syncCommand(rest, rt.env);
    }
    case 'catalog': {
      const { catalogCommand } = await import('./catalog-command.ts');
      return catalogCommand(rest, rt);
    }
    case '-v':
    case '--version':
      process.stdout.write(`${rt.version}\n`);
      return 0;
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(HELP);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command '${command}' (see \`modelgate --help\`)`);
  }
}

const isEntry = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === (await import('node:fs')).realpathSync(process.argv[1]);
if (isEntry) {
  // A reader that stops early (`modelgate check | head`) is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const rt: Runtime = {
    version: packageVersion(),
    bundledCatalog: fileURLToPath(new URL('./catalog.json', import.meta.url)),
    env: process.env,
    now: () => (process.env.MODELGATE_NOW ? new Date(process.env.MODELGATE_NOW) : new Date()),
  };
  main(process.argv.slice(2), rt).then(
    (code) => { process.exitCode = code; },
    (e: Error) => {
      if (e instanceof UsageError) process.stderr.write(`modelgate: ${e.message}\n`);
      else process.stderr.write(`modelgate: internal error: ${e.message}${process.env.MODELGATE_DEBUG ? `\n${e.stack}` : ' (set MODELGATE_DEBUG=1 for details)'}\n`);
      process.exitCode = 2;
    },
  );
}
