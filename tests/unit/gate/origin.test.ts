import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryFromRemote } from '../../../src/core/gate/origin.ts';
import { CheckReportSchema } from '../../../src/core/schema/check-report.ts';
import { APP, cli, project } from './helpers.ts';

const report = async (dir: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  CheckReportSchema.parse(JSON.parse((await cli(['check', dir, '--format', 'json', ...args], { env })).stdout));

describe('a JSON report records its repository and commit', () => {
  it('reads owner/name from the usual git remote forms', () => {
    expect(repositoryFromRemote('https://github.com/acme/web.git')).toBe('acme/web');
    expect(repositoryFromRemote('git@github.com:acme/web.git')).toBe('acme/web');
    expect(repositoryFromRemote('ssh://git@gitlab.example:2222/group/sub/project.git')).toBe('group/sub/project');
    expect(repositoryFromRemote('https://user:token@bitbucket.org/team/repo')).toBe('team/repo');
    expect(repositoryFromRemote('/srv/git/local.git')).toBeNull();
  });

  it('--repository wins, then the CI variable, then git\'s origin, then the folder name; the commit from the CI or git', async () => {
    const dir = await project(APP);
    expect(await report(dir)).toMatchObject({ repository: path.basename(dir), repositoryFrom: 'folder', commit: null });
    const g = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } });
    g('init', '-q');
    g('remote', 'add', 'origin', 'git@github.com:acme/web.git');
    g('add', '.');
    g('commit', '-qm', 'x');
    const head = g('rev-parse', 'HEAD').trim();
    expect(await report(dir)).toMatchObject({ repository: 'acme/web', repositoryFrom: 'git', commit: head });
    expect(await report(dir, [], { GITHUB_REPOSITORY: 'acme/api', GITHUB_SHA: 'abc123' })).toMatchObject({ repository: 'acme/api', repositoryFrom: 'ci', commit: 'abc123' });
    expect(await report(dir, [], { CI_PROJECT_PATH: 'grp/sub/proj', CI_COMMIT_SHA: 'def456' })).toMatchObject({ repository: 'grp/sub/proj', commit: 'def456' });
    expect(await report(dir, ['--repository', 'acme/renamed'], { GITHUB_REPOSITORY: 'acme/api' })).toMatchObject({ repository: 'acme/renamed', repositoryFrom: 'option' });
  });

  it('an older report without these fields still loads as a baseline', async () => {
    const dir = await project(APP);
    const old = await report(dir);
    delete old.repository; delete old.repositoryFrom; delete old.commit;
    await writeFile(path.join(dir, 'old.json'), JSON.stringify(old));
    expect(CheckReportSchema.safeParse(old).success).toBe(true);
    expect((await cli(['check', dir, '--baseline', path.join(dir, 'old.json')])).code).toBe(0);
  });
});
