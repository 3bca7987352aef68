import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { scanProject } from '../../../src/core/scan/index.ts';
import { languageOf } from '../../../src/core/scan/languages.ts';
import { CheckReportSchema } from '../../../src/core/schema/check-report.ts';
import { cli, project } from '../gate/helpers.ts';

/** The gate exits 1 and its text output shows a failing finding at `where`. */
async function gateFailsAt(dir: string, where: RegExp): Promise<void> {
  const gate = await cli(['check', dir, '--no-color']);
  expect(gate.code).toBe(1);
  expect(gate.stdout).toMatch(where);
}

const at = (r: Awaited<ReturnType<typeof scanProject>>) => r.findings.map((f) => [f.file, f.line, f.column, f.kind, f.id]);

/** A notebook as Jupyter writes it: one JSON string per source line. */
function notebook(cells: { type: 'code' | 'markdown'; source: string[]; outputs?: string[] }[]): string {
  return `${JSON.stringify({
    cells: cells.map((c) => (c.type === 'code'
      ? { cell_type: 'code', execution_count: null, metadata: {}, outputs: (c.outputs ?? []).map((t) => ({ output_type: 'stream', name: 'stdout', text: [t] })), source: c.source }
      : { cell_type: 'markdown', metadata: {}, source: c.source })),
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
    nbformat: 4, nbformat_minor: 5,
  }, null, 1)}\n`;
}

describe('the kinds of files people call fal from', () => {
  it('knows them by name', () => {
    expect(['Dockerfile', 'docker/Dockerfile.prod', 'Containerfile', 'app.dockerfile', 'api.http', 'x.rest', 'nb.ipynb', 'Justfile', '.envrc', 'Procfile', 'compose.yaml']
      .map(languageOf)).toEqual(['dockerfile', 'dockerfile', 'dockerfile', 'dockerfile', 'http', 'http', 'notebook', 'shell', 'shell', 'shell', 'yaml']);
    // Extensions that are names of Object's own properties are no language (they once crashed the reader).
    expect(['x.constructor', 'x.toString', 'x.__proto__', 'x.hasOwnProperty'].map(languageOf)).toEqual([null, null, null, null]);
  });

  it('Jupyter notebooks: code cells only, read as one program; a finding names the cell and the line in it, and points at the .ipynb line', async () => {
    const dir = await project({
      'nb/demo.ipynb': notebook([
        { type: 'markdown', source: ['# Uses fal-ai/stable-cascade\n'] },
        { type: 'code', source: ['import fal_client\n', 'MODEL = "fal-ai/stable-cascade"\n'], outputs: ['fal-ai/ltx-video\n'] },
        { type: 'code', source: ['# generate\n', 'r = fal_client.subscribe(MODEL, arguments={"prompt": "café \\"x\\""})\n', 'r2 = fal_client.subscribe("fal-ai/flux/dev", arguments={})'] },
      ]),
    });
    const r = await scanProject(dir);
    const text = await import('node:fs/promises').then((fs) => fs.readFile(path.join(dir, 'nb/demo.ipynb'), 'utf8'));
    const lines = text.split('\n');
    expect(r.findings.map((f) => [f.id, f.kind, f.cell])).toEqual([
      ['fal-ai/stable-cascade', 'call', { index: 1, line: 2, column: 10 }],
      ['fal-ai/flux/dev', 'call', { index: 2, line: 3, column: 28 }],
    ]);
    // The file position is the id's own place in the JSON text (escaped quotes counted).
    for (const f of r.findings) expect(lines[f.line - 1]!.slice(f.column - 1)).toMatch(new RegExp(`^${f.id!.replaceAll('/', '\\/')}\\\\"`));
    await gateFailsAt(dir, /✖ FAIL {2}nb\/demo\.ipynb:\d+:\d+ \(cell 2, line 2\)/);
    const json = CheckReportSchema.parse(JSON.parse((await cli(['check', dir, '--format', 'json'])).stdout));
    expect(json.findings[0]!.cell).toEqual({ index: 1, line: 2, column: 10 });
    const sarif = JSON.parse((await cli(['check', dir, '--format', 'sarif'])).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine).toBe(r.findings[0]!.line);
    expect(sarif.runs[0].results[0].message.text).toMatch(/notebook cell 2, line 2/);
  });

  it('a file named .ipynb that is not a notebook fails the gate as not analysed', async () => {
    const dir = await project({ 'broken.ipynb': '{"cells": [ {"cell_type": "code", "source": ["fal.subscribe(\\"fal-ai/stable-cascade\\")"' });
    const r = await cli(['check', dir, '--no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error scan-note: broken\.ipynb: could not be analysed \(not a valid notebook/);
  });

  it('Dockerfiles and Containerfiles: RUN, ENV (both forms, several per line, continued) and ARG', async () => {
    const dir = await project({
      Dockerfile: [
        'FROM python:3.12',
        'ARG FAL_MODEL=fal-ai/stable-cascade',
        'ENV IMAGE_MODEL fal-ai/flux/dev',
        'ENV A=1 VIDEO_MODEL="fal-ai/ltx-video" \\',
        '    AUDIO_MODEL=fal-ai/stable-audio',
        'LABEL note="fal-ai/not-a-call"',
        'RUN curl -X POST https://fal.run/fal-ai/stable-cascade && \\',
        '    curl https://queue.fal.run/$FAL_MODEL',
        '',
      ].join('\n'),
      'deploy/Containerfile': 'FROM alpine\nRUN curl https://fal.run/fal-ai/stable-cascade\n',
    });
    expect(at(await scanProject(dir))).toEqual([
      ['Dockerfile', 2, 15, 'call', 'fal-ai/stable-cascade'],
      ['Dockerfile', 3, 17, 'reference', 'fal-ai/flux/dev'],
      ['Dockerfile', 4, 22, 'reference', 'fal-ai/ltx-video'],
      ['Dockerfile', 5, 17, 'reference', 'fal-ai/stable-audio'],
      ['Dockerfile', 7, 18, 'call', 'fal-ai/stable-cascade'],
      ['deploy/Containerfile', 2, 10, 'call', 'fal-ai/stable-cascade'],
    ]);
    await gateFailsAt(dir, /✖ FAIL {2}Dockerfile:7:18/);
  });

  it('docker-compose environment, as a list and as a map, defines variables a call reads', async () => {
    const dir = await project({
      'docker-compose.yml': 'services:\n  app:\n    environment:\n      - FAL_MODEL=fal-ai/stable-cascade\n      - "OTHER=1"\n  worker:\n    environment:\n      VIDEO_MODEL: fal-ai/ltx-video\n',
      'app/gen.py': 'import os, fal_client\nfal_client.subscribe(os.environ["FAL_MODEL"], arguments={})\n',
    });
    expect(at(await scanProject(dir))).toEqual([
      ['docker-compose.yml', 4, 19, 'call', 'fal-ai/stable-cascade'],
      ['docker-compose.yml', 8, 20, 'reference', 'fal-ai/ltx-video'],
    ]);
    await gateFailsAt(dir, /✖ FAIL {2}docker-compose\.yml:4:19/);
  });

  it('package.json scripts are shell: URLs and bare ids in commands', async () => {
    const dir = await project({
      'package.json': JSON.stringify({ name: 'x', scripts: { gen: 'curl -X POST https://fal.run/fal-ai/stable-cascade -d @req.json', gen2: 'node scripts/gen.js --model fal-ai/stable-cascade', test: 'vitest' }, description: 'prose naming fal-ai/flux/dev is no call' }, null, 2),
    });
    expect(at(await scanProject(dir))).toEqual([
      ['package.json', 4, 13, 'call', 'fal-ai/stable-cascade'],
      ['package.json', 5, 42, 'reference', 'fal-ai/stable-cascade'],
    ]);
    await gateFailsAt(dir, /✖ FAIL {2}package\.json:5:42/);
  });

  it('.http / .rest request files: request lines, @variables and {{variables}}', async () => {
    const dir = await project({
      'api.http': '@model = fal-ai/stable-cascade\n\n### generate\nPOST https://queue.fal.run/fal-ai/flux/dev\nAuthorization: Key {{FAL_KEY}}\n\n### via var\nPOST https://queue.fal.run/{{model}}\nContent-Type: application/json\n\n{"prompt": "a cat"}\n',
      'more.rest': 'POST https://fal.run/fal-ai/ltx-video HTTP/1.1\n\n### status URLs are not calls\nGET https://queue.fal.run/fal-ai/flux/dev/requests/{{id}}/status\n',
    });
    expect(at(await scanProject(dir))).toEqual([
      ['api.http', 1, 10, 'call', 'fal-ai/stable-cascade'],
      ['api.http', 4, 6, 'call', 'fal-ai/flux/dev'],
      ['more.rest', 1, 6, 'call', 'fal-ai/ltx-video'],
    ]);
    await gateFailsAt(dir, /✖ FAIL {2}api\.http:1:10/);
  });

  it('shell lines take several assignments and bare id arguments', async () => {
    const dir = await project({ 'run.sh': 'A=1 MODEL="fal-ai/stable-cascade" B=2\npython gen.py --model fal-ai/flux/dev\npython gen.py --model=fal-ai/ltx-video\necho "not/an-id" x/y\ncurl https://queue.fal.run/$MODEL\n' });
    expect(at(await scanProject(dir))).toEqual([
      ['run.sh', 1, 12, 'call', 'fal-ai/stable-cascade'],
      ['run.sh', 2, 23, 'reference', 'fal-ai/flux/dev'],
      ['run.sh', 3, 23, 'reference', 'fal-ai/ltx-video'],
    ]);
  });

  it('Justfiles, .envrc and Procfiles are read as shell', async () => {
    const dir = await project({ Justfile: 'gen:\n    curl https://fal.run/fal-ai/stable-cascade\n', '.envrc': 'export FAL_MODEL=fal-ai/stable-cascade\n', Procfile: 'web: curl https://fal.run/fal-ai/flux/dev\n' });
    await writeFile(path.join(dir, 'x.txt'), 'fal-ai/stable-cascade');
    expect(at(await scanProject(dir)).map((f) => f[0])).toEqual(['.envrc', 'Justfile', 'Procfile']);
  });
});
