// Usage context from the path alone: policy may treat ids that only appear in
// tests, examples or docs differently from shipped code.
// Precedence when several apply (examples/tests/x.py): test, then example, then docs.

import type { UsageContext } from './types.ts';

const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'specs', '__mocks__', 'e2e', 'testdata']);
const EXAMPLE_DIRS = new Set(['examples', 'example', 'samples', 'sample', 'demo', 'demos']);
const DOCS_DIRS = new Set(['docs', 'doc', 'documentation']);

export function usageOf(relPath: string): UsageContext {
  const parts = relPath.split('/');
  const name = parts[parts.length - 1] ?? '';
  let dirs = parts.slice(0, -1).map((d) => d.toLowerCase());
  // JVM source trees spell the package as folders (src/main/java/com/example/…): those
  // folders are a package name, not an examples directory.
  const main = dirs.findIndex((d, i) => d === 'src' && dirs[i + 1] === 'main');
  if (main >= 0) dirs = dirs.slice(0, main + 2);
  if (
    dirs.some((d) => TEST_DIRS.has(d)) ||
    /\.(test|spec)\.[A-Za-z0-9]+$/.test(name) ||
    /_test\.(go|py|rb|exs?)$/.test(name) ||
    /^test_.*\.py$/.test(name) ||
    /_spec\.rb$/.test(name) ||
    /(Test|Tests|Spec)\.(kt|java|swift|cs)$/.test(name) ||
    name === 'conftest.py'
  ) return 'test';
  if (dirs.some((d) => EXAMPLE_DIRS.has(d))) return 'example';
  if (dirs.some((d) => DOCS_DIRS.has(d))) return 'docs';
  return 'source';
}
