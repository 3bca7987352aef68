import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UsageError } from './args.ts';

const run = promisify(execFile);

/** Files staged in git (added, copied, modified, renamed), relative to `dir`: for pre-commit hooks. */
export async function stagedFiles(dir: string): Promise<string[]> {
  try {
    // Outside a repository `git diff --cached` falls back to --no-index and fails obscurely.
    await run('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir });
  } catch (e) {
    throw new UsageError(`--staged needs a git work tree: ${dir} is not in one (${((e as { stderr?: string }).stderr ?? (e as Error).message).trim().split('\n')[0]})`);
  }
  try {
    const { stdout } = await run('git', ['diff', '--cached', '--name-only', '--diff-filter=ACMR', '--relative', '-z'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
    return stdout.split('\0').filter((f) => f.length > 0);
  } catch (e) {
    throw new UsageError(`--staged needs a git work tree: ${((e as { stderr?: string }).stderr ?? (e as Error).message).trim().split('\n')[0]}`);
  }
}
