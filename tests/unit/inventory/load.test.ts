import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInventoryFile } from '../../../src/core/inventory/load.ts';
import { checkedOrg, inventoryFile, pythonCalls, type ScratchOrg } from './org-fixture.ts';

let org: ScratchOrg;
let file: string;
beforeAll(async () => {
  org = await checkedOrg({ 'acme/web': { 'app.py': pythonCalls(['fal-ai/flux/dev']) } });
  file = await inventoryFile(org);
});
afterAll(() => org.cleanup());

const write = async (name: string, text: string) => {
  const to = path.join(org.root, name);
  await writeFile(to, text);
  return to;
};

describe('readInventoryFile', () => {
  it('reads what `modelgate inventory --format json` wrote', async () => {
    const read = await readInventoryFile(file);
    expect(read).toEqual({ ok: true, value: JSON.parse(await readFile(file, 'utf8')) });
  });

  it('names the file, line and field of a schema error', async () => {
    const text = await readFile(file, 'utf8');
    const bad = await write('bad.json', text.replace('"hostedLabel": "commercial",\n      "partnerApi"', '"hostedLabel": "free",\n      "partnerApi"'));
    const line = (await readFile(bad, 'utf8')).split('\n').findIndex((l) => l.includes('"free"')) + 1;
    const read = await readInventoryFile(bad);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problem).toMatchObject({ code: 'schema', file: bad, line, field: 'models[0].hostedLabel' });
    expect(read.problem.message).toMatch(/^not a valid modelgate inventory: /);
  });

  it('malformed JSON, another kind of file, a missing file: one problem each', async () => {
    const cut = await write('cut.json', '{\n  "kind": "modelgate-inventory",\n  "formatVersion": 1,,\n}');
    expect(await readInventoryFile(cut)).toMatchObject({ ok: false, problem: { code: 'json', file: cut, line: 3 } });
    const other = await write('other.json', '{\n  "formatVersion": 1,\n  "kind": "something-else"\n}');
    expect(await readInventoryFile(other)).toMatchObject({ ok: false, problem: { code: 'schema', file: other, line: 3, field: 'kind', message: expect.stringContaining('it is a something-else file') } });
    const missing = path.join(org.root, 'nope.json');
    expect(await readInventoryFile(missing)).toEqual({ ok: false, problem: { code: 'read', file: missing, message: 'cannot read the inventory: no such file' } });
  });
});
