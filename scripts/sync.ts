/** npm run sync: the same command as `modelgate catalog sync`, run from this repository's sources. */
import { syncCommand } from '../src/cli/sync-command.ts';

syncCommand(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: Error) => {
  console.error(`sync: ${e.message}`);
  process.exitCode = 2;
});
