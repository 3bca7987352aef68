import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Where a check report comes from, so reports from many repositories can be merged: the
 * repository's name and the commit, with where each was learnt.
 */
export interface ReportOrigin {
  repository: string;
  repositoryFrom: 'option' | 'ci' | 'git' | 'folder';
  commit: string | null;
  commitFrom: 'ci' | 'git' | null;
}

/** CI variables that name the repository (`owner/name`, GitLab's `group/sub/project`), in order. */
const CI_REPOSITORY = ['GITHUB_REPOSITORY', 'CI_PROJECT_PATH', 'BITBUCKET_REPO_FULL_NAME', 'BUILD_REPOSITORY_NAME', 'DRONE_REPO', 'BUILDKITE_PIPELINE_SLUG'] as const;
/** CI variables that hold the commit being built. */
const CI_COMMIT = ['GITHUB_SHA', 'CI_COMMIT_SHA', 'BITBUCKET_COMMIT', 'BUILD_SOURCEVERSION', 'CIRCLE_SHA1', 'DRONE_COMMIT_SHA', 'BUILDKITE_COMMIT'] as const;

/** `https://github.com/acme/web.git`, `git@github.com:acme/web.git`, `ssh://git@host:22/g/sub/p` → `acme/web`, `g/sub/p`. */
export function repositoryFromRemote(url: string): string | null {
  const u = url.trim();
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]+@)?[^/]+\/(.+)$/i.exec(u) ?? /^(?:[^@/\s]+@)?[^:/\s]+:(?!\/)(.+)$/.exec(u);
  const name = m?.[1]?.replace(/\.git\/?$/, '').replace(/\/+$/, '');
  return name && name.includes('/') ? name : null;
}

async function git(root: string, args: string[]): Promise<string | null> {
  try {
    const { stdout } = await run('git', ['-C', root, ...args], { timeout: 5000 });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

/** The origin of a report on `root`: `--repository`, else the CI's variable, else git's `origin` remote, else the folder's name. */
export async function reportOrigin(root: string, env: NodeJS.ProcessEnv, explicit?: string): Promise<ReportOrigin> {
  let repository: string | null = explicit?.trim() || null;
  let repositoryFrom: ReportOrigin['repositoryFrom'] = 'option';
  if (!repository) {
    const v = CI_REPOSITORY.map((k) => env[k]?.trim()).find((x) => x);
    if (v) { repository = v; repositoryFrom = 'ci'; }
  }
  if (!repository) {
    const remote = await git(root, ['remote', 'get-url', 'origin']);
    const name = remote ? repositoryFromRemote(remote) : null;
    if (name) { repository = name; repositoryFrom = 'git'; }
  }
  if (!repository) { repository = path.basename(path.resolve(root)); repositoryFrom = 'folder'; }
  const ciCommit = CI_COMMIT.map((k) => env[k]?.trim()).find((x) => x);
  const gitCommit = ciCommit ? null : await git(root, ['rev-parse', 'HEAD']);
  return { repository, repositoryFrom, commit: ciCommit ?? gitCommit ?? null, commitFrom: ciCommit ? 'ci' : gitCommit ? 'git' : null };
}
