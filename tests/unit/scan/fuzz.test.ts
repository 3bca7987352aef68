// The scanner must never throw, must finish on hostile input, and every finding
// must point at a real position whose text starts with the reported raw literal.
// Time bounds come from the test timeouts, not from timed assertions.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scanSource, type Finding } from '../../../src/core/scan/index.ts';

const EXTENSIONS = ['ts', 'tsx', 'js', 'vue', 'py', 'go', 'kt', 'java', 'swift', 'dart', 'php', 'rb', 'rs', 'cs', 'sh', 'json', 'yaml', 'toml', 'ini', 'env'];
const pathFor = (ext: string): string => (ext === 'env' ? '.env' : `src/file.${ext}`);

function assertWellFormed(text: string, findings: Finding[]): void {
  const lines = text.split('\n');
  for (const f of findings) {
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.line).toBeLessThanOrEqual(lines.length);
    const line = (lines[f.line - 1] ?? '').replace(/\r$/, '');
    expect(f.column).toBeGreaterThanOrEqual(1);
    expect(line.slice(f.column - 1).startsWith(f.raw), `${f.raw} at ${f.line}:${f.column} in ${JSON.stringify(line.slice(0, 300))}`).toBe(true);
    expect(f.kind === 'dynamic' ? f.id === null : typeof f.id === 'string').toBe(true);
    expect(f.lineText.length).toBeLessThanOrEqual(200);
  }
}

// Fragments that exercise the lexer and call detection when shuffled together.
const FRAGMENTS = [
  'fal.subscribe(', 'fal.queue.submit<', '>(', '"fal-ai/flux/dev"', "'fal-ai/esrgan'", '`https://fal.run/${', '}`', '${x}',
  'fal_client.run(', 'f"https://queue.fal.run/{m}"', 'MODEL = ', 'const M = ', '{ fast: ', '}', '[', ']', '(', ')', ',', ';',
  '//', '/*', '*/', '#', '"""', "'''", '\\', '\n', ' ', '"', "'", '`', '?', ':', '=', '=>', 'process.env.X', 'os.getenv("X", ',
  'https://110602490-lcm.gateway.alpha.fal.ai/', 'fal:image:fal-ai/a/b', 'fal_ai/flux/schnell', '<!--', '-->', '- ', 'key: ',
  '110602490-lcm', 'import ', 'from ', 'FalAi::model(', 'to: ', '#{', '\\(', 'r"', '$', '\r\n', '\u0000', '\uFFFD',
];

describe('scanSource on arbitrary input', () => {
  it('never throws and returns well-formed findings for random text in every language', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXTENSIONS), fc.string({ unit: 'binary', maxLength: 400 }), (ext, text) => {
        assertWellFormed(text, scanSource(pathFor(ext), text));
      }),
      { numRuns: 600 },
    );
  });

  it('never throws on shuffled code fragments, and positions stay exact', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXTENSIONS), fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 80 }), (ext, parts) => {
        const text = parts.join('');
        assertWellFormed(text, scanSource(pathFor(ext), text));
      }),
      { numRuns: 1500 },
    );
  });

  it('handles invalid UTF-8 decoded from arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXTENSIONS), fc.uint8Array({ maxLength: 600 }), (ext, bytes) => {
        const text = Buffer.from(bytes).toString('utf8');
        assertWellFormed(text, scanSource(pathFor(ext), text));
      }),
      { numRuns: 400 },
    );
  });
});

describe('scanSource on hostile shapes', () => {
  const FIVE_MB = 5 * 1024 * 1024;
  const shapes: [string, () => string][] = [
    ['a 5 MB single line of letters', () => 'a'.repeat(FIVE_MB)],
    ['a 5 MB line of assignments', () => 'a='.repeat(FIVE_MB / 2)],
    ['a 5 MB line of nested unclosed calls', () => 'fal.run('.repeat(FIVE_MB / 8)],
    ['a 5 MB line of open parentheses', () => '('.repeat(FIVE_MB)],
    ['a 5 MB line of id literals', () => '"fal-ai/a/b",'.repeat(FIVE_MB / 13)],
    ['a 5 MB unterminated template', () => '`${'.repeat(FIVE_MB / 3)],
    ['a 5 MB line of fal URLs', () => 'https://fal.run/fal-ai/x/'.repeat(FIVE_MB / 25)],
    ['10,000-deep nested JSON', () => '{"a":'.repeat(10_000) + '"fal-ai/flux/dev"' + '}'.repeat(10_000)],
    ['10,000-deep nested arrays', () => '['.repeat(10_000) + ']'.repeat(10_000)],
  ];
  for (const [name, make] of shapes) {
    it(`finishes on ${name} in every language`, { timeout: 120_000 }, () => {
      const text = make();
      for (const ext of ['ts', 'py', 'json', 'yaml', 'env', 'go']) {
        const findings = scanSource(pathFor(ext), text);
        expect(Array.isArray(findings)).toBe(true);
        if (findings.length < 1000) assertWellFormed(text, findings);
      }
    });
  }

  it('still finds the id inside deeply nested JSON', () => {
    const text = '{"a":'.repeat(10_000) + '"fal-ai/flux/dev"' + '}'.repeat(10_000);
    expect(scanSource('config/deep.json', text).map((f) => [f.kind, f.id])).toEqual([['reference', 'fal-ai/flux/dev']]);
  });
});
