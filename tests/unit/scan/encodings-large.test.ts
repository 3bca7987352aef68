import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniff } from '../../../src/core/scan/decode.ts';
import { scanProject } from '../../../src/core/scan/index.ts';
import { cli, project } from '../gate/helpers.ts';
import { noteSeverity } from '../../../src/core/gate/check.ts';

const CALL = 'fal.subscribe("fal-ai/stable-cascade", { input: {} });';
const utf16le = (s: string, bom = true) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => { const le = Buffer.from(s, 'utf16le'); for (let i = 0; i + 1 < le.length; i += 2) { const t = le[i]!; le[i] = le[i + 1]!; le[i + 1] = t; } return Buffer.concat([Buffer.from([0xfe, 0xff]), le]); };

describe('every selected file is read: encodings', () => {
  it('sniffs UTF-8 with and without a BOM, UTF-16 LE/BE with a BOM and without, and real binary', () => {
    const s = (b: Buffer) => sniff(b, b.length);
    expect(s(Buffer.from('\ufeffx = 1', 'utf8'))).toEqual({ encoding: 'utf-8', bom: 3 });
    expect(s(Buffer.from('x = 1'))).toEqual({ encoding: 'utf-8', bom: 0 });
    expect(s(utf16le('import fal_client\n'))).toEqual({ encoding: 'utf-16le', bom: 2 });
    expect(s(utf16be('import fal_client\n'))).toEqual({ encoding: 'utf-16be', bom: 2 });
    expect(s(utf16le('import fal_client\nprint(1)\n', false))).toEqual({ encoding: 'utf-16le', bom: 0 });
    expect(s(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0, 1, 0, 0, 0]))).toEqual({ binary: true });
  });

  it('finds calls in UTF-8-with-BOM and UTF-16 files at the right line and column (the BOM is not a column)', async () => {
    const text = 'import fal_client\n\nfal_client.subscribe("fal-ai/stable-cascade", arguments={})\n';
    const dir = await project({});
    await writeFile(path.join(dir, 'bom.py'), '\ufeff' + text);
    await writeFile(path.join(dir, 'le.py'), utf16le(text));
    await writeFile(path.join(dir, 'be.py'), utf16be(text));
    const r = await scanProject(dir);
    expect(r.notes).toEqual([]);
    expect(r.findings.map((f) => [f.file, f.line, f.column, f.id])).toEqual([
      ['be.py', 3, 23, 'fal-ai/stable-cascade'], ['bom.py', 3, 23, 'fal-ai/stable-cascade'], ['le.py', 3, 23, 'fal-ai/stable-cascade'],
    ]);
  });

  it('the gate fails a research-only call in a UTF-16 file (it used to call it binary and pass) and in a UTF-8 file with a BOM', async () => {
    const call = 'import fal_client\nfal_client.subscribe("fal-ai/stable-cascade", arguments={})\n';
    for (const [name, bytes] of [['gen.py', utf16le(call)], ['bom.py', Buffer.from(`\ufeff${call}`, 'utf8')]] as const) {
      const dir = await project({});
      await writeFile(path.join(dir, name), bytes);
      const r = await cli(['check', dir, '--no-color']);
      expect(r.code, name).toBe(1);
      expect(r.stdout, name).toMatch(new RegExp(`✖ FAIL {2}${name.replace('.', '\\.')}:2:23`));
    }
  });

  it('a real binary is still skipped; one that holds a fal host or catalog id is named in a note', async () => {
    const dir = await project({});
    await writeFile(path.join(dir, 'plain.js'), Buffer.concat([Buffer.from([0, 1, 2, 3]), Buffer.from('nothing here')]));
    await writeFile(path.join(dir, 'marked.js'), Buffer.concat([Buffer.from([0, 1, 2, 3]), Buffer.from('https://queue.fal.run/fal-ai/stable-cascade')]));
    const r = await scanProject(dir);
    expect(r.findings).toEqual([]);
    expect(r.notes.map((n) => [n.file, n.code])).toEqual([['marked.js', 'binary'], ['plain.js', 'binary']]);
    expect(r.notes[0]!.message).toMatch(/holds a fal host or a catalog id/);
    expect(r.notes[1]!.message).not.toMatch(/fal host/);
    const gate = await cli(['check', dir, '--no-color']);
    expect(gate.stdout).toMatch(/note scan-note: marked\.js: .*holds a fal host/);
  });
});

describe('every selected file is read: large files, in bounded windows', () => {
  it('a 1.2 MB file and a 4.6 MB bundle (over the whole-file limit) calling a research-only model fail the gate, naming the file', async () => {
    const filler = (n: number) => 'export function f(a){return a+1}\n'.repeat(n);
    const dir = await project({
      'src/gen.js': `import { fal } from "@fal-ai/client";\n${filler(36_000)}${CALL}\n`,
      'public/bundle.js': `import { fal } from "@fal-ai/client";\n${filler(140_000)}${CALL}\n`,
    });
    const r = await cli(['check', dir, '--no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ FAIL {2}src\/gen\.js:36002:16/);
    expect(r.stdout).toMatch(/✖ FAIL {2}public\/bundle\.js:140002:16/);
    expect(r.stdout).not.toMatch(/too-large|not scanned/);
  });

  it('windows keep line and column right, for a call across a window boundary and on a minified one-line bundle', async () => {
    const dir = await project({});
    const head = 'const x = 1;\n'.repeat(2000); // 26 KB of lines before the call
    const multi = `${head}fal.subscribe(\n  "fal-ai/flux/dev",\n  { input: {} });\n${'// pad\n'.repeat(3000)}`;
    await writeFile(path.join(dir, 'multi.js'), `import { fal } from "@fal-ai/client";\n${multi}`);
    const min = `import{fal as a}from"@fal-ai/client";${'var q=1;'.repeat(9000)}a.subscribe("fal-ai/stable-cascade",{input:{}});${'var z=2;'.repeat(9000)}`;
    await writeFile(path.join(dir, 'min.js'), min);
    const whole = await scanProject(dir);
    // The same files in 16 KiB windows find the same calls at the same places.
    const windowed = await scanProject(dir, { maxFileBytes: 16 * 1024 });
    expect(windowed.notes).toEqual([]);
    expect(windowed.findings.map((f) => [f.file, f.line, f.column, f.kind, f.id])).toEqual(whole.findings.map((f) => [f.file, f.line, f.column, f.kind, f.id]));
    expect(whole.findings.map((f) => [f.file, f.line, f.column, f.id])).toEqual([
      ['min.js', 1, min.indexOf('"fal-ai/stable-cascade"') + 2, 'fal-ai/stable-cascade'],
      ['multi.js', 2003, 4, 'fal-ai/flux/dev'],
    ]);
  });

  it('a UTF-16 file larger than the window is read in windows too', async () => {
    const dir = await project({});
    await writeFile(path.join(dir, 'big.py'), utf16le(`import fal_client\n${'x = 1\n'.repeat(5000)}fal_client.subscribe("fal-ai/stable-cascade", arguments={})\n`));
    const r = await scanProject(dir, { maxFileBytes: 8 * 1024 });
    expect(r.findings.map((f) => [f.line, f.column, f.id])).toEqual([[5002, 23, 'fal-ai/stable-cascade']]);
  });

  it('a selected file that cannot be read or analysed is an error that fails the gate; binary files and links are notes', () => {
    expect(noteSeverity('unreadable')).toBe('error');
    expect(noteSeverity('analysis-failed')).toBe('error');
    for (const code of ['binary', 'symlink-loop', 'symlink-outside', 'skipped', 'too-large'] as const) expect(noteSeverity(code), code).toBe('note');
  });
});
