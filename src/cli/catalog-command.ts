import { UsageError } from './args.ts';
import type { Runtime } from './runtime.ts';
import { syncCommand } from './sync-command.ts';

const HELP = `Usage: modelgate catalog <subcommand>

Subcommands:
  sync     update a content/ folder from fal's model API (see \`modelgate catalog sync --help\`)
`;

export async function catalogCommand(args: string[], rt: Runtime): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'sync') return syncCommand(rest, rt.env);
  if (sub === undefined || sub === '--help' || sub === '-h') {
    process.stdout.write(HELP);
    return sub === undefined ? 2 : 0;
  }
  throw new UsageError(`unknown catalog subcommand '${sub}' (see \`modelgate catalog --help\`)`);
}
