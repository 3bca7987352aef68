import { describe, expect, it } from 'vitest';
import { usageOf } from '../../../src/core/scan/index.ts';

describe('usage context from the path', () => {
  it.each([
    ['src/app.ts', 'source'],
    ['tests/test_api.py', 'test'],
    ['src/__tests__/gen.ts', 'test'],
    ['src/gen.test.tsx', 'test'],
    ['src/gen.spec.ts', 'test'],
    ['pkg/api_test.go', 'test'],
    ['test_pipeline.py', 'test'],
    ['spec/models_spec.rb', 'test'],
    ['app/src/test/java/demo/GenTest.java', 'test'],
    ['examples/demo.py', 'example'],
    ['example/main.go', 'example'],
    ['samples/run.kt', 'example'],
    ['demo/index.js', 'example'],
    ['docs/snippet.js', 'docs'],
    ['examples/tests/x.py', 'test'],
    ['app/src/main/java/com/example/Gen.kt', 'source'],
    ['src/latest/contest.ts', 'source'],
  ])('%s → %s', (p, usage) => {
    expect(usageOf(p)).toBe(usage);
  });
});
