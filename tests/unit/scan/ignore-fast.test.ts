import { describe, expect, it } from 'vitest';
import ignore from 'ignore';
import { compileIgnore } from '../../../src/core/scan/walk.ts';

// The walker answers simple .gitignore files itself; it must agree with the `ignore` package.
const files = [
  'node_modules/\ndist/\n',
  '# build output\n/build\n*.log\n.env\n\ncoverage/\n*.PYC\n__pycache__/\n.DS_Store\n',
  'Out\n/tmp/\n*.min.js\n',
  // Not simple: these go to the package, and must of course still agree.
  '*.log\n!keep.log\n', 'a/b\n', 'foo/**/bar\n', '.env.*\n', 'x \n', 'node_modules/\r\n', '..\n', '\\#x\n',
];
const paths = [
  'node_modules/', 'a/node_modules/', 'node_modules', 'a/node_modules/x.js', 'dist/', 'src/dist/', 'dist', 'dist.ts',
  'build', 'build/', 'a/build/', 'a/build', 'x.log', 'a/b/x.log', 'x.log/', 'a.log.ts', '.log', '.env', 'a/.env', '.env.local',
  'coverage/', 'a/coverage', 'm.pyc', 'M.PYC', 'a/__pycache__/', '__pycache__', 'OUT', 'out/', 'a/out/x.ts', 'tmp/', 'tmp', 'a/tmp/',
  'x.min.js', 'a/x.MIN.JS', 'keep.log', 'a/b', 'a/b/', 'a/b/c.ts', 'foo/x/bar', 'x', 'x ', '#x', 'src/a.ts', 'DIST/',
];

describe('compileIgnore', () => {
  for (const text of files) {
    it(`agrees with the ignore package on ${JSON.stringify(text)}`, () => {
      const ours = compileIgnore(text);
      const theirs = ignore().add(text);
      const plain = (r: { ignored: boolean; unignored: boolean }): string => `${r.ignored}/${r.unignored}`;
      for (const p of paths) expect(`${p}: ${plain(ours.test(p))}`).toBe(`${p}: ${plain(theirs.test(p))}`);
    });
  }
});
